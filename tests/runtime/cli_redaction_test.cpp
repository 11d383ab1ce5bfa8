// @brief run_cli never prints a password: about 30 URL forms (well-formed, with raw '#', '/',
// '?', '@' or a space in the password, password keys, scheme typos, no scheme, other schemes)
// given every way a user can give them (--database before or after the verb, $DATABASE_URL,
// the default, where a target or the verb was expected, after a misspelt option) to every
// verb. PostgreSQL URLs name 127.0.0.1 on a closed port: each refusal is immediate.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <migrations/migrations.hpp>
#include <sstream>

#include "support/cli_capture.hpp"
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

namespace migrations {
namespace {

using testing::graph_catalog;
using testing::TempDir;

// Every password below contains this, encoded or not.
constexpr const char* kSecret = "S3cret";

const char* const kUrls[] = {
    "postgresql://u:S3cretPw@127.0.0.1:1/db",
    "postgresql://u:Hash#S3cret@127.0.0.1:1/db",
    "postgresql://u:S3cret/Pw@127.0.0.1:1/db",
    "postgresql://u:S3cret?Pw@127.0.0.1:1/db",
    "postgresql://u:S3cret@Pw@127.0.0.1:1/db",
    "postgresql://u:S3cret:Pw@127.0.0.1:1/db",
    "postgresql://u:S3cret%2FPw@127.0.0.1:1/db",
    "postgresql://u:S3cret%40Pw@127.0.0.1:1/db?application_name=a@b",
    "postgres://u:S3cretPw@127.0.0.1:1/db",
    "POSTGRESQL://u:S3cretPw@127.0.0.1:1/db?sslmode=disable",
    "postgresql://127.0.0.1:1/db?password=S3cretPw",
    "postgresql://127.0.0.1:1/db?sslpassword=S3cretPw&sslmode=disable",
    "postgresql://127.0.0.1:1/db?user=u&PASSWORD=S3cretPw",
    "postgresql://u:S3cretPw@[::1]:1/db",
    "postgresql://u:S3cretPw@127.0.0.1:1,127.0.0.1:2/db",
    "postgresql://u:S3cretPw@127.0.0.1:1/db#fragment",
    "postgresql://u:S3cret'Pw@127.0.0.1:1/db",
    "postgresql://u:S3cret&Pw=x@127.0.0.1:1/db",
    "postgresql://u:S3cret Pw@127.0.0.1:1/db",
    "postgresql://u:S3cretPw@127.0.0.1:port/db",
    "postgresql://u:S3cret?Pw=1@127.0.0.1:1/db",
    "postgresql:/u:S3cretPw@127.0.0.1:1/db",
    "postgres//u:S3cretPw@127.0.0.1:1/db",
    "postgresql:u:S3cretPw@127.0.0.1:1/db",
    "postgresql:///u:S3cretPw@127.0.0.1:1/db?host=127.0.0.1&port=1",
    "postgresql+psycopg2://u:S3cretPw@127.0.0.1:1/db",
    "sqlite://u:S3cretPw@host/x.db",
    "mysql://u:S3cretPw@127.0.0.1:1/db",
    "u:S3cretPw@127.0.0.1:1/db",
    "host=127.0.0.1 port=1 user=u password=S3cretPw dbname=db",
    "host=127.0.0.1 port=1 password='S3cret Pw'",
};

struct Verb {
    const char* name;
    /// The verb's argument, or null.
    const char* argument;
};

// Every verb of run_cli.
const Verb kVerbs[] = {{"upgrade", "head"},  {"downgrade", "base"}, {"stamp", "head"},  {"repair", nullptr},
                       {"current", nullptr}, {"history", nullptr},  {"heads", nullptr}, {"show", "head"},
                       {"check", nullptr},   {"sql", "base:head"}};

using Outcome = testing::CliOutcome;

// Runs the command line in this process with std::cout and std::cerr captured.
Outcome cli(const Catalog& catalog, const std::string& default_url, const std::vector<std::string>& args) {
    return testing::run_cli_captured(catalog, default_url, args);
}

class CliRedaction : public ::testing::Test {
protected:
    void SetUp() override { unsetenv("DATABASE_URL"); }
    void TearDown() override { unsetenv("DATABASE_URL"); }

    // Runs `args` and fails the test when the password shows on stdout or stderr.
    void expect_no_password(const std::vector<std::string>& args, const std::string& default_url,
                            const std::string& url) {
        const Outcome outcome = cli(catalog_, default_url, args);
        std::string call;
        for (const auto& arg : args) call += arg + " ";
        EXPECT_EQ(outcome.out.find(kSecret), std::string::npos) << url << "\n" << call << "\n" << outcome.out;
        EXPECT_EQ(outcome.err.find(kSecret), std::string::npos) << url << "\n" << call << "\n" << outcome.err;
        ++runs_;
    }

    TempDir dir_;
    std::string sqlite_url_ = "sqlite:///" + dir_.file("app.db");
    Catalog catalog_ = graph_catalog("a1:;b2:a1");
    int runs_ = 0;
};

TEST_F(CliRedaction, NoVerbPrintsThePasswordOfAnyUrlFormGivenAnyWay) {
    for (const char* url : kUrls) {
        for (const Verb& verb : kVerbs) {
            std::vector<std::string> tail = {verb.name};
            if (verb.argument != nullptr) tail.emplace_back(verb.argument);
            const auto with = [&](std::vector<std::string> head, const std::vector<std::string>& rest) {
                head.insert(head.end(), rest.begin(), rest.end());
                return head;
            };
            expect_no_password(with({"app", "--database", url}, tail), sqlite_url_, url);
            expect_no_password(with({"app", "-v"}, with(tail, {std::string("--database=") + url})), sqlite_url_, url);
            expect_no_password(with({"app"}, tail), url, url);
            setenv("DATABASE_URL", url, 1);
            expect_no_password(with({"app"}, tail), sqlite_url_, url);
            unsetenv("DATABASE_URL");
            // Where a target, the verb or an option's value was expected.
            expect_no_password({"app", verb.name, url}, sqlite_url_, url);
            expect_no_password({"app", url, verb.name}, sqlite_url_, url);
            expect_no_password(with({"app", "--databse", url}, tail), sqlite_url_, url);
            expect_no_password(with({"app"}, with(tail, {"--databse", url})), sqlite_url_, url);
        }
    }
    EXPECT_EQ(runs_, 31 * 10 * 8);
}

// The messages still say what went wrong, with the password masked.
TEST_F(CliRedaction, ErrorsNameTheRedactedUrl) {
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const std::vector<Case> cases = {
        {{"app", "upgrade", "postgresql://u:S3cretPw@127.0.0.1:1/db"},
         "app: 'postgresql://u:***@127.0.0.1:1/db' is a database URL, not a target; give it with --database URL (see "
         "app --help)\n"},
        {{"app", "postgresql://u:S3cretPw@127.0.0.1:1/db", "upgrade"},
         "app: unknown command 'postgresql://u:***@127.0.0.1:1/db'; expected one of upgrade, downgrade, stamp, "
         "repair, current, history, heads, show, status, sql; give a database URL with --database URL (see app "
         "--help)\n"},
        {{"app", "--database", "sqlite://u:S3cretPw@host/x.db", "current"},
         "app: error: bad database URL 'sqlite://u:***@host/x.db': an SQLite URL has no user name or password; use "
         "sqlite:///relative.db or sqlite:////absolute/path.db\n"},
        {{"app", "--database", "postgresql:/u:S3cretPw@127.0.0.1:1/db", "current"},
         "app: error: bad database URL 'postgresql:/u:***@127.0.0.1:1/db': expected scheme://..., e.g. "
         "sqlite:///app.db or postgresql://user@host/db\n"},
        {{"app", "upgrade", "--databse", "postgresql://u:S3cret Pw@127.0.0.1:1/db"},
         "app: The following argument was not expected: --databse (see app --help)\n"},
    };
    for (const Case& c : cases) {
        const Outcome outcome = cli(catalog_, sqlite_url_, c.args);
        EXPECT_NE(outcome.code, 0) << c.args[1];
        EXPECT_EQ(outcome.err, c.err);
    }
}

#ifdef MIGRATIONS_TEST_POSTGRESQL
TEST_F(CliRedaction, AConnectionErrorNamesTheRedactedUrl) {
    for (const char* url : {"postgresql://u:Hash#S3cret@127.0.0.1:1/db", "postgresql://u:S3cret/Pw@127.0.0.1:1/db"}) {
        const Outcome outcome = cli(catalog_, sqlite_url_, {"app", "--database", url, "current"});
        EXPECT_EQ(outcome.code, 1);
        EXPECT_EQ(outcome.err.rfind("app: error: cannot connect to postgresql://u:***@127.0.0.1:1/db: ", 0), 0U)
            << outcome.err;
    }
}
#endif

}  // namespace
}  // namespace migrations
