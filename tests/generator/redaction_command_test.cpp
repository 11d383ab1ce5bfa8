// @brief The `migrations` executable never prints a password: URL forms x the database verbs x
// the ways of giving a URL, through the real tool (the in-process table over every run_cli
// verb is tests/runtime/cli_redaction_test.cpp). PostgreSQL URLs name 127.0.0.1 on a closed
// port: each refusal is immediate.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

constexpr const char* kSecret = "S3cret";

const char* const kUrls[] = {
    "postgresql://u:Hash#S3cret@127.0.0.1:1/db",
    "postgresql://u:S3cret/Pw@127.0.0.1:1/db",
    "postgresql://u:S3cret?Pw@127.0.0.1:1/db",
    "postgresql://127.0.0.1:1/db?sslpassword=S3cretPw",
    "postgresql:/u:S3cretPw@127.0.0.1:1/db",
    "postgres//u:S3cretPw@127.0.0.1:1/db",
    "sqlite://u:S3cretPw@host/x.db",
    "postgresql://u:S3cret Pw@127.0.0.1:1/db",
};

class ToolRedaction : public testing::Test {
protected:
    void SetUp() override {
        dir_.write("migrations/a.sql", revision_text("a1", "none"));
        dir_.write("migrations/b.sql", revision_text("b2", "a1"));
    }

    void expect_no_password(const std::vector<std::string>& args, const std::string& environment,
                            const std::string& url) const {
        std::vector<std::string> with_dir = args;
        with_dir.insert(with_dir.end(), {"--dir", dir_.str() + "/migrations"});
        const ToolRun run = run_tool(with_dir, environment);
        std::string call;
        for (const auto& arg : with_dir) call += arg + " ";
        EXPECT_EQ(run.out.find(kSecret), std::string::npos) << url << "\n" << call << "\n" << run.out;
        EXPECT_EQ(run.err.find(kSecret), std::string::npos) << url << "\n" << call << "\n" << run.err;
        EXPECT_NE(run.code, 0) << call;
    }

    TempDir dir_;
};

TEST_F(ToolRedaction, NoDatabaseVerbPrintsThePasswordOfAnyUrlFormGivenAnyWay) {
    const std::vector<std::vector<std::string>> verbs = {{"upgrade"}, {"downgrade", "base"}, {"stamp", "head"},
                                                         {"repair"},  {"current"},           {"history", "--database"}};
    for (const char* url : kUrls) {
        for (const auto& verb : verbs) {
            std::vector<std::string> given = verb;
            if (given.back() != "--database") given.emplace_back("--database");
            given.emplace_back(url);
            expect_no_password(given, "", url);
            if (verb.front() != "history") {
                expect_no_password(verb, "DATABASE_URL=" + shell_quote(url), url);
                // Where the target, the verb or an option's value was expected.
                expect_no_password({verb.front(), url, "--database", "sqlite:///x.db"}, "", url);
            }
            expect_no_password({url, verb.front()}, "", url);
            expect_no_password({verb.front(), "--databse", url}, "", url);
        }
    }
}

TEST_F(ToolRedaction, ErrorsNameTheRedactedUrl) {
    const ToolRun run =
        run_tool({"current", "--database", "sqlite://u:S3cretPw@host/x.db", "--dir", dir_.str() + "/migrations"});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err,
              "migrations: error: bad database URL 'sqlite://u:***@host/x.db': an SQLite URL has no user "
              "name or password; use sqlite:///relative.db or sqlite:////absolute/path.db\n");
    const ToolRun typo = run_tool({"current", "--databse", "postgresql://u:S3cretPw@127.0.0.1:1/db"});
    EXPECT_EQ(typo.code, 2);
    EXPECT_NE(typo.err.find("postgresql://u:***@127.0.0.1:1/db"), std::string::npos) << typo.err;
}

}  // namespace
}  // namespace migrations::generator
