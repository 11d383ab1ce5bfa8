// @brief Running a section statement by statement, with the line of each statement.
#include "schema/script.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "schema_test_support.hpp"

namespace migrations::schema {
namespace {

TEST(SchemaScript, RunsEveryStatement) {
    Database db;
    EXPECT_FALSE(run_script(db.get(), "CREATE TABLE a (x);\n-- comment only\nINSERT INTO a VALUES (1); /* end */", 1));
    EXPECT_EQ(testing::count_rows(db.get(), "a"), 1);
}

TEST(SchemaScript, ReportsTheLineOfTheFailingStatement) {
    Database db;
    const auto failure = run_script(db.get(),
                                    "CREATE TABLE a (x);\n\n-- the next one fails\n  /* really */\n"
                                    "INSERT INTO missing VALUES (1);\n",
                                    7);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->line, 11U);
    EXPECT_EQ(failure->message, "no such table: missing");
}

TEST(SchemaScript, ReportsASyntaxErrorAtItsStatement) {
    Database db;
    const auto failure = run_script(db.get(), "CREATE TABLE a (x);\nCREAT TABLE b (y);\n", 3);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->line, 4U);
    EXPECT_EQ(failure->message, "near \"CREAT\": syntax error");
}

TEST(SchemaScript, FailsWhenAForeignKeyCheckFindsAViolation) {
    Database db;
    const auto failure = run_script(db.get(),
                                    "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
                                    "CREATE TABLE c (p_id REFERENCES p (id));\n"
                                    "INSERT INTO c VALUES (5);\n"
                                    "PRAGMA foreign_key_check(\"c\");\n",
                                    1);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->line, 4U);
    EXPECT_EQ(failure->message, "foreign key violation: row 1 of table 'c' refers to a missing row of 'p'");
}

// SQLite copies the text it is given unless the length includes the terminating NUL (or is
// -1): a runner that passed the rest of the section without its NUL copied all of it before
// every statement, quadratic in the section's size. SQLite's own allocations show the copy.
TEST(SchemaScript, NeverHasSqliteCopyTheRestOfTheSection) {
    Database db;
    std::string sql;  // 4 MB of statements that store nothing
    while (sql.size() < 4'000'000) sql += "SELECT '" + std::string(100, 'x') + "';\n";
    sqlite3_memory_highwater(1);
    const auto before = sqlite3_memory_used();
    EXPECT_FALSE(run_script(db.get(), sql, 1));
    EXPECT_LT(sqlite3_memory_highwater(0) - before, 1'000'000);
}

TEST(SchemaScript, SkipsEmptyStatements) {
    Database db;
    EXPECT_FALSE(run_script(db.get(), "CREATE TABLE a (x);;\n ; INSERT INTO a VALUES (1);", 1));
    EXPECT_EQ(testing::count_rows(db.get(), "a"), 1);
}

TEST(SchemaScript, RefusesTransactionControlOnlyInsideAKeptTransaction) {
    const char* const refused[] = {"COMMIT",        "commit transaction",   "END", "ROLLBACK", "rollback transaction",
                                   "/* x */ BEGIN", "-- y\nBegin Immediate"};
    for (const char* statement : refused) {
        Database db;
        execute(db.get(), "BEGIN");
        const std::string sql = "CREATE TABLE a (x);\n" + std::string(statement) + ";\nCREATE TABLE b (x);";
        const auto failure = run_section(db.get(), sql.c_str(), 5, TransactionUse::kept);
        ASSERT_TRUE(failure) << statement;
        EXPECT_EQ(failure->line, statement[0] == '-' ? 7U : 6U) << statement;
        EXPECT_EQ(failure->message, kTransactionControlRefused);
        EXPECT_FALSE(sqlite3_get_autocommit(db.get())) << statement;  // the transaction is still open
    }
    Database db;
    execute(db.get(), "BEGIN");
    EXPECT_FALSE(run_section(
        db.get(), "SAVEPOINT s; CREATE TABLE a (x); ROLLBACK TO s; ROLLBACK TRANSACTION TO SAVEPOINT s; RELEASE s;", 1,
        TransactionUse::kept));
    execute(db.get(), "COMMIT");
    EXPECT_FALSE(run_section(db.get(), "BEGIN; CREATE TABLE a (x); COMMIT;", 1, TransactionUse::free));
}

TEST(SchemaScript, FormatsDiagnosticsAsCompilersDo) {
    EXPECT_EQ(format_diagnostic("migrations/a.sql", 12, "boom"), "migrations/a.sql:12: error: boom");
}

TEST(SchemaScript, ReplaysUpgradesAndNamesTheFailingRevision) {
    Database db;
    const std::vector<RevisionScript> revisions = {
        {"a1", "a1_first.sql", {"CREATE TABLE t (x);\n", 7, 6}, {"DROP TABLE t;\n", 10, 9}, false},
        {"b2",
         "b2_second.sql",
         {"ALTER TABLE t ADD COLUMN y;\nALTER TABLE nope ADD COLUMN z;\n", 7, 6},
         {"", 10, 9},
         false},
    };
    EXPECT_EQ(replay_upgrades(db.get(), revisions),
              "b2_second.sql:8: error: upgrade of b2 failed: no such table: nope");
}

}  // namespace
}  // namespace migrations::schema
