// @brief `migrations upgrade|downgrade|stamp|repair|current` on a real SQLite file, through the built
// executable: the runtime's verbs over the directory's revisions.
#include <gtest/gtest.h>

#include <regex>

#include "schema_fixture.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

class DatabaseCommands : public testing::Test {
protected:
    void SetUp() override { write_schema_revisions(dir_); }

    ToolRun tool(std::vector<std::string> args, const std::string& environment = "") const {
        args.insert(args.end(), {"--dir", dir_.str() + "/migrations"});
        return run_tool(args, environment);
    }

    std::string url() const { return "sqlite:///" + (dir_.path() / "app.db").string(); }

    /// The database's objects, as the sqlite3 command line prints them.
    std::string objects() const {
        return run_shell(shell_quote(MIGRATIONS_SQLITE3) + " " + shell_quote((dir_.path() / "app.db").string()) +
                         " \"SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name\"")
            .out;
    }

    TempDir dir_;
};

TEST_F(DatabaseCommands, UpgradeAppliesEveryRevisionAndCurrentReportsTheHead) {
    const ToolRun upgrade = tool({"upgrade", "--database", url()});
    ASSERT_EQ(upgrade.code, 0) << upgrade.err;
    EXPECT_TRUE(std::regex_match(upgrade.out, std::regex(std::regex_replace(url(), std::regex("[.]"), "\\.") +
                                                         ": upgraded 3 revisions to c3 in [0-9.]+ ms\n")))
        << upgrade.out;
    EXPECT_EQ(objects(), "table|schema_revisions\ntable|users\nindex|users_email\n");
    const ToolRun current = tool({"current", "--database", url()});
    EXPECT_EQ(current.code, 0) << current.err;
    EXPECT_EQ(current.out.substr(0, 31), "c3 (head)  index emails  applie") << current.out;
}

TEST_F(DatabaseCommands, DowngradeRevertsAndStampMovesTheVersionWithoutSql) {
    ASSERT_EQ(tool({"upgrade", "--database", url()}).code, 0);
    const ToolRun downgrade = tool({"downgrade", "-1", "--database", url()});
    ASSERT_EQ(downgrade.code, 0) << downgrade.err;
    EXPECT_NE(downgrade.out.find("downgraded 1 revision to b2"), std::string::npos) << downgrade.out;
    EXPECT_EQ(objects(), "table|schema_revisions\ntable|users\n");

    const ToolRun stamp = tool({"stamp", "head", "--database", url()});
    ASSERT_EQ(stamp.code, 0) << stamp.err;
    EXPECT_EQ(stamp.out, url() + ": stamped, now at c3\n");
    EXPECT_EQ(objects(), "table|schema_revisions\ntable|users\n");  // stamp ran no SQL

    ASSERT_EQ(tool({"stamp", "base", "--database", url()}).code, 0);
    EXPECT_EQ(tool({"current", "--database", url()}).out, "base (nothing applied)\n");
}

TEST_F(DatabaseCommands, RepairAsTheErrorSpellsItAcceptsTheEditAndTheNextUpgradeStarts) {
    ASSERT_EQ(tool({"upgrade", "b2", "--database", url()}).code, 0);
    // a1, below the applied head b2, gets a comment: its checksum changes, its effect does not.
    write_schema_revisions(dir_);
    dir_.write("migrations/a.sql",
               "-- revision: a1\n-- down_revision: none\n-- message: create users\n\n-- upgrade\n"
               "-- users of the application\n"
               "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n\n-- downgrade\nDROP TABLE users;\n");
    const ToolRun refused = tool({"upgrade", "--database", url()});
    EXPECT_EQ(refused.code, 1);
    // The hint names the database and the directory this run was given, so that it runs as it is.
    std::smatch hint;
    ASSERT_TRUE(std::regex_search(refused.err, hint, std::regex("accept the edit with `migrations (repair[^`]*)`")))
        << refused.err;
    EXPECT_EQ(hint[1].str(), "repair --database " + url() + " --dir " + dir_.str() + "/migrations");

    const ToolRun repair =
        run_shell("env -u DATABASE_URL -u MIGRATIONS_DIR " + shell_quote(MIGRATIONS_TOOL) + " " + hint[1].str());
    ASSERT_EQ(repair.code, 0) << repair.err;
    EXPECT_TRUE(std::regex_match(repair.out,
                                 std::regex("  a1 \\(.*/migrations/a\\.sql\\): checksum [0-9a-f]{12} -> [0-9a-f]{12}\n"
                                            ".*: repaired 1 checksum\\(s\\); no revision was run and "
                                            "nothing else changed\n")))
        << repair.out;
    EXPECT_EQ(objects(), "table|schema_revisions\ntable|users\n");  // repair ran no SQL
    const ToolRun upgrade = tool({"upgrade", "--database", url()});
    ASSERT_EQ(upgrade.code, 0) << upgrade.err;
    EXPECT_EQ(objects(), "table|schema_revisions\ntable|users\nindex|users_email\n");
}

TEST_F(DatabaseCommands, UpgradeStopsAtTheTargetGivenByPrefix) {
    ASSERT_EQ(tool({"upgrade", "b", "--database", url()}).code, 0);
    EXPECT_EQ(tool({"current", "--database", url()}).out.substr(0, 4), "b2  ");
}

TEST_F(DatabaseCommands, UpgradesThroughAMergeRevisionThatHasNoSql) {
    dir_.write("migrations/d.sql",
               "-- revision: d4\n-- down_revision: b2\n-- message: side\n-- upgrade\n"
               "CREATE TABLE side (x INTEGER);\n-- downgrade\nDROP TABLE side;\n");
    const ToolRun merge = tool({"merge", "-m", "merge heads"});
    ASSERT_EQ(merge.code, 0) << merge.err;
    const ToolRun upgrade = tool({"upgrade", "--database", url()});
    ASSERT_EQ(upgrade.code, 0) << upgrade.err;
    EXPECT_NE(upgrade.out.find("upgraded 5 revisions"), std::string::npos) << upgrade.out;
    const ToolRun down = tool({"downgrade", "-1", "--database", url()});
    ASSERT_EQ(down.code, 0) << down.err;
    EXPECT_NE(down.out.find("downgraded 1 revision to c3, d4"), std::string::npos) << down.out;
}

TEST_F(DatabaseCommands, ReadsTheDatabaseUrlFromTheEnvironment) {
    const ToolRun upgrade = tool({"upgrade"}, "DATABASE_URL=" + shell_quote(url()));
    EXPECT_EQ(upgrade.code, 0) << upgrade.err;
    EXPECT_EQ(objects(), "table|schema_revisions\ntable|users\nindex|users_email\n");
}

TEST_F(DatabaseCommands, RefusesToRunWithoutADatabase) {
    const ToolRun run = tool({"upgrade"});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.err, "migrations upgrade: error: no database: give --database URL or set DATABASE_URL\n");
}

TEST_F(DatabaseCommands, ReportsTheRuntimesErrorsWithItsExitCode) {
    const ToolRun run = tool({"downgrade", "zz", "--database", url()});
    EXPECT_EQ(run.code, 1);
    EXPECT_NE(run.err.find("migrations: error: unknown target 'zz'"), std::string::npos) << run.err;
}

TEST_F(DatabaseCommands, PrintsTheDirectorysDiagnosticsBeforeTouchingTheDatabase) {
    dir_.write("migrations/d.sql",
               "-- revision: d4\n-- down_revision: c3\n-- message: broken\n-- upgrade\n\n-- downgrade\n");
    const ToolRun run = tool({"upgrade", "--database", url()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err,
              dir_.str() + "/migrations/d.sql:4: error: section '-- upgrade' is empty: an upgrade must contain SQL\n");
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "app.db"));
}

}  // namespace
}  // namespace migrations::generator
