// @brief `migrations sql --dialect sqlite`, through the built executable: the script, run by
// the sqlite3 command line, builds the same schema and version rows as the runtime's upgrade.
#include <gtest/gtest.h>

#include "schema_fixture.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

class SqlCommand : public testing::Test {
protected:
    void SetUp() override { write_schema_revisions(dir_); }

    ToolRun tool(std::vector<std::string> args) const {
        args.insert(args.end(), {"--dir", dir_.str() + "/migrations"});
        return run_tool(args);
    }

    std::string database(const std::string& name) const { return (dir_.path() / name).string(); }

    /// Runs `script` with the sqlite3 command line on `name`; expects success.
    void run_script(const std::string& name, const std::string& script) const {
        dir_.write(name + ".sql", script);
        const ToolRun run = run_shell(shell_quote(MIGRATIONS_SQLITE3) + " -bail " + shell_quote(database(name)) + " <" +
                                      shell_quote(database(name + ".sql")));
        ASSERT_EQ(run.code, 0) << run.err << script;
    }

    /// Every object's definition and the version rows.
    std::string listing(const std::string& name) const {
        return run_shell(shell_quote(MIGRATIONS_SQLITE3) + " " + shell_quote(database(name)) +
                         " \"SELECT type, name, sql FROM sqlite_master ORDER BY name;"
                         " SELECT revision, state, checksum FROM schema_revisions ORDER BY revision\"")
            .out;
    }

    TempDir dir_;
};

TEST_F(SqlCommand, ScriptRunBySqlite3BuildsTheSameSchemaAsUpgrade) {
    const ToolRun script = tool({"sql", "--dialect", "sqlite", "head"});
    ASSERT_EQ(script.code, 0) << script.err;
    run_script("offline.db", script.out);
    ASSERT_EQ(
        run_tool({"upgrade", "--dir", dir_.str() + "/migrations", "--database", "sqlite:///" + database("online.db")})
            .code,
        0);
    EXPECT_NE(listing("online.db").find("index|users_email|"), std::string::npos);
    EXPECT_EQ(listing("offline.db"), listing("online.db"));
}

TEST_F(SqlCommand, WrapsTransactionalRevisionsAndRunsTheOthersOutside) {
    const std::string script = tool({"sql", "--dialect", "sqlite", "base:head"}).out;
    const auto at = [&](const std::string& text) { return script.find(text); };
    ASSERT_NE(at("CREATE TABLE IF NOT EXISTS \"schema_revisions\""), std::string::npos) << script;
    EXPECT_LT(at("BEGIN;"), at("CREATE TABLE users"));
    EXPECT_LT(at("INSERT INTO \"schema_revisions\""), at("COMMIT;"));
    EXPECT_LT(at("COMMIT;"), at("CREATE INDEX users_email"));
    EXPECT_EQ(script.find("BEGIN;", at("CREATE INDEX users_email")), std::string::npos) << script;
}

TEST_F(SqlCommand, DowngradeScriptUndoesTheUpgrade) {
    run_script("db", tool({"sql", "--dialect", "sqlite", "head"}).out);
    const ToolRun down = tool({"sql", "--dialect", "sqlite", "head:base"});
    ASSERT_EQ(down.code, 0) << down.err;
    run_script("db", down.out);
    EXPECT_EQ(listing("db").find("users"), std::string::npos) << listing("db");
}

TEST_F(SqlCommand, EndsASectionWhoseLastStatementHasNoSemicolonSoTheVersionRowIsAStatementOfItsOwn) {
    // Before: `select 1` + the INSERT of the version row made one statement, a syntax error.
    dir_.write("migrations/d.sql",
               "-- revision: d4\n-- down_revision: c3\n-- message: no semicolons\n-- upgrade\n"
               "CREATE TABLE counts (n INTEGER);\n"
               "CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN UPDATE counts SET n = n + 1; END\n"
               "-- downgrade\nDROP TRIGGER users_ai;\nDROP TABLE counts  -- the last one\n");
    dir_.write("migrations/e.sql",
               "-- revision: e5\n-- down_revision: d4\n-- message: select\n-- upgrade\nselect 1 -- done\n"
               "-- downgrade\nselect 2\n");
    const ToolRun script = tool({"sql", "--dialect", "sqlite", "head"});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_NE(script.out.find("select 1; -- done\n"), std::string::npos) << script.out;
    EXPECT_NE(script.out.find("UPDATE counts SET n = n + 1; END;\n"), std::string::npos) << script.out;
    run_script("offline.db", script.out);
    ASSERT_EQ(
        run_tool({"upgrade", "--dir", dir_.str() + "/migrations", "--database", "sqlite:///" + database("online.db")})
            .code,
        0);
    EXPECT_EQ(listing("offline.db"), listing("online.db"));
    EXPECT_NE(listing("offline.db").find("e5|applied|"), std::string::npos) << listing("offline.db");

    const ToolRun down = tool({"sql", "--dialect", "sqlite", "head:c3"});
    ASSERT_EQ(down.code, 0) << down.err;
    EXPECT_NE(down.out.find("DROP TABLE counts;  -- the last one\n"), std::string::npos) << down.out;
    run_script("offline.db", down.out);
    EXPECT_EQ(listing("offline.db").find("counts"), std::string::npos) << listing("offline.db");
}

TEST_F(SqlCommand, WritesTheVersionTableFromItsOneDefinition) {
    const std::string script = tool({"sql", "--dialect", "sqlite", "head"}).out;
    EXPECT_NE(script.find("CREATE TABLE IF NOT EXISTS \"schema_revisions\" (revision TEXT PRIMARY KEY NOT NULL, "
                          "checksum TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('applied', 'pending')), "
                          "applied_at TEXT NOT NULL, duration_ms REAL NOT NULL) WITHOUT ROWID;\n"),
              std::string::npos)
        << script;
}

TEST_F(SqlCommand, RejectsAnUnknownDialect) {
    const ToolRun run = tool({"sql", "--dialect", "mysql", "head"});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find("mysql"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace migrations::generator
