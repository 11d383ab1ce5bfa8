// @brief Build-time verification: every diagnostic, word for word.
#include "schema/verify.hpp"

#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

/// A revision whose upgrade starts on line 7 (marker on 6) and downgrade on line 10 (marker on 9).
RevisionScript revision(const std::string& id, const std::string& upgrade, const std::string& downgrade) {
    return {id, "migrations/" + id + ".sql", {upgrade, 7, 6}, {downgrade, 10, 9}, false};
}

using Diagnostics = std::vector<std::string>;

TEST(SchemaVerify, AcceptsTheExampleProjectsRevisions) {
    const auto revisions = testing::read_revision_chain(MIGRATIONS_EXAMPLE_MIGRATIONS_DIR);
    ASSERT_EQ(revisions.size(), 3U);
    EXPECT_EQ(verify_revisions(revisions), Diagnostics{});
}

TEST(SchemaVerify, AcceptsAnEmptyChain) { EXPECT_EQ(verify_revisions({}), Diagnostics{}); }

struct NotRestored {
    const char* name;
    const char* upgrade;
    const char* downgrade;
    const char* message;
};

class SchemaVerifyNotRestored : public ::testing::TestWithParam<NotRestored> {};

TEST_P(SchemaVerifyNotRestored, NamesWhatTheDowngradeLeavesDifferent) {
    const std::vector<RevisionScript> revisions = {
        revision("0a0a0a",
                 "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nCREATE INDEX users_name ON users (name);\n",
                 "DROP TABLE users;\n"),
        revision("1a2b3c", GetParam().upgrade, GetParam().downgrade),
    };
    EXPECT_EQ(
        verify_revisions(revisions),
        Diagnostics{std::string("migrations/1a2b3c.sql:9: error: downgrade of 1a2b3c does not restore the schema: ") +
                    GetParam().message});
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SchemaVerifyNotRestored,
    ::testing::Values(
        NotRestored{"ColumnStillPresent", "ALTER TABLE users ADD COLUMN email TEXT;", "SELECT 1;",
                    "table 'users' column 'email' is still present"},
        NotRestored{"TableMissing", "ALTER TABLE users ADD COLUMN email TEXT;", "DROP TABLE users;",
                    "index 'users_name' is missing; table 'users' is missing"},
        NotRestored{"TableStillPresent", "CREATE TABLE audit (x);", "-- forgot it\n", "table 'audit' is still present"},
        NotRestored{"IndexStillPresent", "CREATE INDEX users_id_name ON users (id, name);", "SELECT 1;",
                    "index 'users_id_name' is still present"},
        NotRestored{"ColumnChanged", "ALTER TABLE users ADD COLUMN age INTEGER;",
                    "ALTER TABLE users DROP COLUMN age;\nDROP INDEX users_name;\nALTER TABLE users DROP COLUMN name;\n"
                    "ALTER TABLE users ADD COLUMN name VARCHAR(10);\nCREATE INDEX users_name ON users (name);",
                    "table 'users' column 'name' changed (type TEXT -> VARCHAR(10))"},
        NotRestored{"IndexChanged", "DROP INDEX users_name;\nCREATE UNIQUE INDEX users_name ON users (name);",
                    "DROP INDEX users_name;\nCREATE INDEX users_name ON users (name, id);",
                    "index 'users_name' changed (columns (name) -> (name, id))"},
        NotRestored{"ViewStillPresent", "CREATE VIEW named AS SELECT name FROM users;", "SELECT 1;",
                    "view 'named' is still present"}),
    [](const ::testing::TestParamInfo<NotRestored>& info) { return std::string(info.param.name); });

TEST(SchemaVerify, AcceptsADowngradeThatRecreatesAnIndexWithExplicitAsc) {
    const std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE t (a, b);\nCREATE INDEX i ON t (a, b);\n", "DROP TABLE t;"),
        revision("b2", "DROP INDEX i;\n", "CREATE INDEX i ON t (a ASC, b ASC);\n"),
    };
    EXPECT_EQ(verify_revisions(revisions), Diagnostics{});
}

TEST(SchemaVerify, ReportsAFailingUpgradeAtItsStatementAndStops) {
    const std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE t (x);\n\nINSERT INTO missing VALUES (1);\n", "DROP TABLE t;"),
        revision("b2", "CREATE TABLE u (x);", "SELECT 1;"),
    };
    EXPECT_EQ(verify_revisions(revisions),
              Diagnostics{"migrations/a1.sql:9: error: upgrade of a1 failed: no such table: missing"});
}

TEST(SchemaVerify, RunsTheCppStepOfASectionInsteadOfItsSql) {
    // The section's SQL would fail: only the step may run. The downgrade's step drops what the
    // upgrade's step made, so the schema is restored.
    std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE t (x);", "DROP TABLE t;"),
        revision("b2", "INSERT INTO nowhere VALUES (1);", "SELECT * FROM nowhere;")};
    int upgrades = 0;
    int downgrades = 0;
    revisions[1].upgrade.cpp_step = [&](sqlite3* db) -> std::optional<SqlFailure> {
        ++upgrades;
        return run_script(db, "CREATE TABLE u (y); INSERT INTO t VALUES (1);", 20);
    };
    revisions[1].downgrade.cpp_step = [&](sqlite3* db) -> std::optional<SqlFailure> {
        ++downgrades;
        return run_script(db, "DROP TABLE u;", 30);
    };
    EXPECT_EQ(verify_revisions(revisions), Diagnostics{});
    EXPECT_EQ(upgrades, 2);  // upgrade, downgrade, upgrade again
    EXPECT_EQ(downgrades, 1);
}

TEST(SchemaVerify, ReportsTheFailureOfACppStepAtTheLineItGives) {
    std::vector<RevisionScript> revisions = {revision("a1", "CREATE TABLE t (x);", "DROP TABLE t;"),
                                             revision("b2", "", ""), revision("c3", "CREATE TABLE v (x);", "")};
    revisions[1].upgrade.cpp_step = [](sqlite3*) -> std::optional<SqlFailure> {
        return SqlFailure{42, "no such table: todos", 1};
    };
    EXPECT_EQ(verify_revisions(revisions),
              Diagnostics{"migrations/b2.sql:42: error: upgrade of b2 failed: no such table: todos"});
    // A downgrade step that leaves the schema different is reported at its section's line.
    revisions[1].upgrade.cpp_step = [](sqlite3* db) { return run_script(db, "CREATE TABLE u (y);", 1); };
    revisions[1].downgrade.cpp_step = [](sqlite3*) -> std::optional<SqlFailure> { return std::nullopt; };
    revisions.pop_back();
    EXPECT_EQ(verify_revisions(revisions),
              Diagnostics{"migrations/b2.sql:9: error: downgrade of b2 does not restore the schema: table 'u' is "
                          "still present"});
}

TEST(SchemaVerify, ReportsAFailingDowngradeAndGoesOn) {
    const std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE t (x);", "DROP TABLE t;\nDROP TABLE t;\n"),
        revision("b2", "CREATE TABLE u (x);", "SELECT 1;"),
    };
    EXPECT_EQ(
        verify_revisions(revisions),
        (Diagnostics{
            "migrations/a1.sql:11: error: downgrade of a1 failed: no such table: t",
            "migrations/b2.sql:9: error: downgrade of b2 does not restore the schema: table 'u' is still present"}));
}

TEST(SchemaVerify, ReportsAnUpgradeThatFailsAfterItsDowngrade) {
    const std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE t (x UNIQUE);", "DROP TABLE t;"),
        revision("b2", "INSERT INTO t VALUES (1);\nCREATE TABLE u (y);", "DROP TABLE u;"),
    };
    EXPECT_EQ(
        verify_revisions(revisions),
        Diagnostics{
            "migrations/b2.sql:7: error: upgrade of b2 failed after its downgrade: UNIQUE constraint failed: t.x"});
}

TEST(SchemaVerify, ReportsAnUpgradeThatGivesAnotherSchemaAfterItsDowngrade) {
    // The downgrade restores every modelled object but changes the (unmodelled) version
    // table, from which the upgrade copies its columns.
    const std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE schema_revisions (id TEXT);", "DROP TABLE schema_revisions;"),
        revision("b2", "CREATE TABLE copy AS SELECT * FROM schema_revisions;",
                 "DROP TABLE copy;\nALTER TABLE schema_revisions ADD COLUMN extra;"),
    };
    EXPECT_EQ(
        verify_revisions(revisions),
        Diagnostics{"migrations/b2.sql:6: error: upgrade of b2 after its downgrade does not give the same schema: "
                    "table 'copy' column 'extra' is still present"});
}

TEST(SchemaVerify, OnlyUpgradesAnIrreversibleRevision) {
    std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE t (x);", "DROP TABLE t;"),
        revision("b2", "DROP TABLE t;", ""),
    };
    revisions[1].irreversible = true;
    EXPECT_EQ(verify_revisions(revisions), Diagnostics{});
}

TEST(SchemaVerify, LeavesOutTheVersionTable) {
    const std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE IF NOT EXISTS schema_revisions (id TEXT);\nCREATE TABLE t (x);", "DROP TABLE t;"),
    };
    EXPECT_EQ(verify_revisions(revisions), Diagnostics{});
}

}  // namespace
}  // namespace migrations::schema
