// @brief Tests of the `migrations` command line: generate and check, exit codes, outputs.
#include "cli.hpp"

#include <migrations/version.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "test_files.hpp"

namespace migrations::generator {
namespace {

using testing_support::revision_text;
using testing_support::TempDir;

struct CliRun {
    int code;
    std::string out;
    std::string err;
};

CliRun run(std::vector<std::string> args) {
    args.insert(args.begin(), "migrations");
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const int code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

class MigrationsCli : public testing::Test {
protected:
    void SetUp() override {
        dir_.write("src/migrations/001.sql", revision_text("a1", "none"));
        dir_.write("src/migrations/002.sql", revision_text("b2", "a1"));
    }

    std::vector<std::string> generate_args(const std::string& name = "app_migrations") const {
        const std::string root = dir_.str();
        return {"generate",
                "--dir",
                root + "/src/migrations",
                "--name",
                name,
                "--source-root",
                root + "/src",
                "--header",
                root + "/out/app.hpp",
                "--source",
                root + "/out/app.cpp",
                "--stamp",
                root + "/out/stamp"};
    }

    TempDir dir_;
};

TEST_F(MigrationsCli, GeneratesTheHeaderTheSourceAndTheStamp) {
    const CliRun result = run(generate_args());
    EXPECT_EQ(result.code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(result.out, "");
    EXPECT_NE(dir_.read("out/app.hpp").find("const migrations::Catalog& app_migrations();"), std::string::npos);
    EXPECT_NE(dir_.read("out/app.cpp").find("const migrations::Catalog& app_migrations() {"), std::string::npos);
    EXPECT_NE(dir_.read("out/app.cpp").find("migrations/002.sql\\0"), std::string::npos);  // in the blob
    EXPECT_TRUE(std::filesystem::exists(dir_.path() / "out/stamp"));
    // Nothing of the build machine: no absolute path in the output.
    EXPECT_EQ(dir_.read("out/app.cpp").find(dir_.str()), std::string::npos);
    EXPECT_EQ(dir_.read("out/app.hpp").find(dir_.str()), std::string::npos);
}

TEST_F(MigrationsCli, RewritesNothingWhenTheContentIsTheSame) {
    ASSERT_EQ(run(generate_args()).code, 0);
    const auto old_time = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
    for (const char* name : {"out/app.hpp", "out/app.cpp", "out/stamp"}) {
        std::filesystem::last_write_time(dir_.path() / name, old_time);
    }
    ASSERT_EQ(run(generate_args()).code, 0);
    EXPECT_EQ(std::filesystem::last_write_time(dir_.path() / "out/app.hpp"), old_time);
    EXPECT_EQ(std::filesystem::last_write_time(dir_.path() / "out/app.cpp"), old_time);
    EXPECT_GT(std::filesystem::last_write_time(dir_.path() / "out/stamp"), old_time);

    dir_.write("src/migrations/003.sql", revision_text("c3", "b2"));
    ASSERT_EQ(run(generate_args()).code, 0);
    EXPECT_EQ(std::filesystem::last_write_time(dir_.path() / "out/app.hpp"), old_time);
    EXPECT_GT(std::filesystem::last_write_time(dir_.path() / "out/app.cpp"), old_time);
}

TEST_F(MigrationsCli, PrintsEveryDiagnosticAndWritesNothingOnErrors) {
    dir_.write("src/migrations/003.sql", revision_text("c3", "b9"));
    dir_.write("src/migrations/004.sql", revision_text("a1", "b2"));
    const CliRun result = run(generate_args());
    EXPECT_EQ(result.code, 1);
    const std::string m = dir_.str() + "/src/migrations/";
    EXPECT_EQ(result.err, m + "003.sql:2: error: unknown revision 'b9' in 'down_revision'; did you mean 'b2'?\n" + m +
                              "004.sql:1: error: duplicate revision id 'a1' (also defined in " + m + "001.sql:1)\n");
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "out"));
}

TEST_F(MigrationsCli, RejectsANameThatIsNotAnIdentifier) {
    const CliRun result = run(generate_args("my-app"));
    EXPECT_EQ(result.code, 2);
    EXPECT_EQ(result.err, "migrations generate: error: --name 'my-app' is not a C++ identifier\n");
}

TEST_F(MigrationsCli, RejectsAnUnknownDialect) {
    std::vector<std::string> args = generate_args();
    args.insert(args.end(), {"--dialects", "sqlite,mysql"});
    const CliRun result = run(args);
    EXPECT_EQ(result.code, 2);
    EXPECT_EQ(result.err,
              "migrations generate: error: unknown dialect 'mysql' in --dialects (expected sqlite, postgresql)\n");
}

TEST_F(MigrationsCli, ExitsWithTwoOnAMissingOption) {
    EXPECT_EQ(run({"generate", "--dir", "x"}).code, 2);
    EXPECT_EQ(run({}).code, 2);
    EXPECT_EQ(run({"frobnicate"}).code, 2);
    EXPECT_EQ(run({"--help"}).code, 0);
}

TEST_F(MigrationsCli, PrintsItsVersionAndCatalogFormat) {
    const CliRun result = run({"--version"});
    EXPECT_EQ(result.code, 0);
    EXPECT_EQ(result.out, "migrations " MIGRATIONS_VERSION_STRING " (catalog format " +
                              std::to_string(MIGRATIONS_CATALOG_FORMAT_VERSION) + ")\n");
    EXPECT_EQ(result.err, "");
}

TEST_F(MigrationsCli, ChecksADirectoryAndPrintsASummary) {
    const CliRun result = run({"check", dir_.str() + "/src/migrations"});
    EXPECT_EQ(result.code, 0) << result.err;
    EXPECT_EQ(result.out, "2 revisions, head b2\n");
}

TEST_F(MigrationsCli, AcceptsTheDirectoryAsAnOption) {
    const CliRun result = run({"check", "--dir", dir_.str() + "/src/migrations"});
    EXPECT_EQ(result.code, 0) << result.err;
    EXPECT_EQ(result.out, "2 revisions, head b2\n");
}

TEST_F(MigrationsCli, ChecksTheDirectoryInTheEnvironment) {
    ::setenv("MIGRATIONS_DIR", (dir_.str() + "/src/migrations").c_str(), 1);
    const CliRun result = run({"check"});
    ::unsetenv("MIGRATIONS_DIR");
    EXPECT_EQ(result.out, "2 revisions, head b2\n");
}

TEST_F(MigrationsCli, ReportsSeveralHeadsUnlessAllowed) {
    dir_.write("src/migrations/003.sql", revision_text("c3", "a1"));
    const std::string m = dir_.str() + "/src/migrations";
    const CliRun refused = run({"check", m});
    EXPECT_EQ(refused.code, 1);
    EXPECT_EQ(refused.err, m + "/002.sql:1: error: more than one head: 'b2' (" + m + "/002.sql:1), 'c3' (" + m +
                               "/003.sql:1); run `migrations merge -m \"merge heads\" --dir " + m + "` to join them\n");
    const CliRun allowed = run({"check", m, "--allow-multiple-heads"});
    EXPECT_EQ(allowed.code, 0);
    EXPECT_EQ(allowed.out, "3 revisions, heads b2, c3\n");
}

}  // namespace
}  // namespace migrations::generator
