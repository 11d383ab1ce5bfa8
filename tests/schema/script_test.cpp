// @brief Running a section statement by statement, with the line of each statement.
#include "schema/script.hpp"

#include "schema_test_support.hpp"

#include <gtest/gtest.h>

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

TEST(SchemaScript, FormatsDiagnosticsAsCompilersDo) {
    EXPECT_EQ(format_diagnostic("migrations/a.sql", 12, "boom"), "migrations/a.sql:12: error: boom");
}

TEST(SchemaScript, ReplaysUpgradesAndNamesTheFailingRevision) {
    Database db;
    const std::vector<RevisionScript> revisions = {
        {"a1", "a1_first.sql", {"CREATE TABLE t (x);\n", 7, 6}, {"DROP TABLE t;\n", 10, 9}, false},
        {"b2", "b2_second.sql", {"ALTER TABLE t ADD COLUMN y;\nALTER TABLE nope ADD COLUMN z;\n", 7, 6}, {"", 10, 9}, false},
    };
    EXPECT_EQ(replay_upgrades(db.get(), revisions), "b2_second.sql:8: error: upgrade of b2 failed: no such table: nope");
}

}  // namespace
}  // namespace migrations::schema
