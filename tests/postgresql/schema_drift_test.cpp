// @brief Drift and VERIFY on PostgreSQL, against the real server: the applied revisions are
// replayed in a scratch database (dropped after) and compared with the live schema.
#include "schema/postgresql_drift.hpp"
#include "schema/postgresql_scratch.hpp"
#include "schema/postgresql_script.hpp"
#include "schema/postgresql_verify.hpp"

#include "postgresql/libpq_query.hpp"
#include "schema/sqlite_handle.hpp"
#include "test_database.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

namespace migrations::schema {
namespace {

using testing::raw;
using testing::scalar;
using testing::TestDatabase;

RevisionScript revision(std::string id, std::string upgrade, std::string downgrade) {
    RevisionScript script;
    script.file = "migrations/" + id + ".sql";
    script.id = std::move(id);
    script.upgrade = {std::move(upgrade), 5, 4};
    script.downgrade = {std::move(downgrade), 9, 8};
    return script;
}

const std::vector<RevisionScript> kRevisions = {
    revision("a1",
             "CREATE TYPE state AS ENUM ('open', 'done');\n"
             "CREATE TABLE todos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL, "
             "state state NOT NULL DEFAULT 'open');",
             "DROP TABLE todos;\nDROP TYPE state;"),
    revision("b2", "CREATE INDEX CONCURRENTLY todos_title ON todos (lower(title));\nCOMMENT ON TABLE todos IS 'to do';",
             "DROP INDEX todos_title;\nCOMMENT ON TABLE todos IS NULL;"),
};

class PostgresqlDrift : public ::testing::Test {
protected:
    TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();

    PGconn* db() { return raw(*connection_); }
    void run(const std::string& sql) { postgresql::query(db(), sql); }
    std::string scratch_databases() {
        return scalar(*connection_, "SELECT count(*) FROM pg_database WHERE datname LIKE 'migrations\\_scratch\\_" +
                                        std::to_string(::getpid()) + "\\_%'");
    }
};

TEST_F(PostgresqlDrift, FindsNoneWhenTheDatabaseIsWhatTheRevisionsMake) {
    ASSERT_EQ(replay_postgresql_upgrades(db(), kRevisions), std::nullopt);
    EXPECT_EQ(detect_postgresql_drift(db(), kRevisions), std::vector<std::string>{});
    EXPECT_EQ(scratch_databases(), "0");
}

TEST_F(PostgresqlDrift, NamesEachDifferenceAsTheSqliteCheckDoes) {
    ASSERT_EQ(replay_postgresql_upgrades(db(), kRevisions), std::nullopt);
    run("ALTER TABLE todos ADD COLUMN note text; ALTER TABLE todos ALTER COLUMN title DROP NOT NULL; "
        "DROP INDEX todos_title; ALTER TYPE state ADD VALUE 'late'; CREATE TABLE schema_revisions (id text)");
    EXPECT_EQ(detect_postgresql_drift(db(), kRevisions),
              (std::vector<std::string>{
                  "index 'todos_title' is missing from the database",
                  "table 'todos': column 'note' is in the database but no revision creates it",
                  "table 'todos': column 'title' differs from the revisions (NOT NULL -> NULL)",
                  "type 'state' differs from the revisions (CREATE TYPE state AS ENUM ('open', 'done') -> CREATE TYPE "
                  "state AS ENUM ('open', 'done', 'late'))",
              }));
    EXPECT_EQ(scratch_databases(), "0");
}

TEST_F(PostgresqlDrift, ReportsARevisionThatFailsToReplayAtItsLine) {
    const std::vector<RevisionScript> broken = {revision("c3", "CREATE TABLE t (a int);\nCREATE TABLE t (a int);", "")};
    try {
        detect_postgresql_drift(db(), broken);
        FAIL() << "no error";
    } catch (const SchemaError& error) {
        EXPECT_EQ(std::string(error.what()),
                  "migrations/c3.sql:6: error: upgrade of c3 failed: relation \"t\" already exists");
    }
    EXPECT_EQ(scratch_databases(), "0");
}

TEST_F(PostgresqlDrift, ScratchDatabaseIsCreatedBesideTheConnectionsAndDroppedAfter) {
    std::string name;
    {
        const ScratchDatabase scratch(db());
        name = scratch.name();
        EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"), "1");
        EXPECT_EQ(std::string(PQdb(scratch.get())), name);
    }
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"), "0");
}

TEST_F(PostgresqlDrift, VerifyPassesRevisionsWhoseDowngradesRestoreTheSchema) {
    EXPECT_EQ(verify_postgresql_revisions(db(), kRevisions), std::vector<std::string>{});
    EXPECT_EQ(scratch_databases(), "0");
}

TEST_F(PostgresqlDrift, VerifyNamesWhatADowngradeDoesNotRestore) {
    std::vector<RevisionScript> revisions = kRevisions;
    revisions[1].downgrade.sql = "COMMENT ON TABLE todos IS NULL;";
    revisions.push_back(revision("c3", "ALTER TABLE todos ADD COLUMN due date;", "ALTER TABLE todos DROP COLUMN due;"));
    EXPECT_EQ(verify_postgresql_revisions(db(), revisions),
              std::vector<std::string>{"migrations/b2.sql:8: error: downgrade of b2 does not restore the schema: index "
                                       "'todos_title' is still present"});
    EXPECT_EQ(scratch_databases(), "0");
}

TEST_F(PostgresqlDrift, VerifyReportsAFailingStatementAtItsLine) {
    std::vector<RevisionScript> revisions = kRevisions;
    revisions[0].downgrade.sql = "DROP TYPE state;\nDROP TABLE todos;";
    EXPECT_EQ(
        verify_postgresql_revisions(db(), revisions),
        std::vector<std::string>{"migrations/a1.sql:9: error: downgrade of a1 failed: cannot drop type state because "
                                 "other objects depend on it\n  DETAIL: column state of table todos depends on "
                                 "type state\n  HINT: Use DROP ... CASCADE to drop the dependent objects too."});
}

TEST_F(PostgresqlDrift, VerifyStopsAtAFailingUpgrade) {
    const std::vector<RevisionScript> revisions = {
        revision("a1", "CREATE TABLE t (a int);\n\nSELECT missing FROM t;", ""),
        revision("b2", "CREATE TABLE u (a int);", "DROP TABLE u;")};
    EXPECT_EQ(verify_postgresql_revisions(db(), revisions),
              std::vector<std::string>{
                  "migrations/a1.sql:7: error: upgrade of a1 failed: column \"missing\" does not exist"});
}

// The replay (VERIFY, drift, autogenerate) sends the statements where the catalog says
// PostgreSQL's parser ended them, not where the runtime's lexer would: given one statement that
// covers only the first of two CREATE TABLEs, only that one runs.
TEST_F(PostgresqlDrift, ReplaySendsTheStatementsWhereTheCatalogSplitThem) {
    RevisionScript script = revision("a1", "CREATE TABLE a (x int);\nCREATE TABLE b (x int);", "");
    script.upgrade.statements = std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 22}};
    ASSERT_EQ(replay_postgresql_upgrades(db(), {script}), std::nullopt);
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b') AND relkind = 'r'"), "1");
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_class WHERE relname = 'a'"), "1");
}

// Options::drift_exclude reaches every object kind: each unmanaged object below has a name
// matching "audit_*" (or belongs to a table that does) and is left out; `stray_*` ones are not.
TEST_F(PostgresqlDrift, LeavesOutEveryKindOfObjectMatchingAPattern) {
    ASSERT_EQ(replay_postgresql_upgrades(db(), kRevisions), std::nullopt);
    const std::string kinds =
        "CREATE TABLE %_log (id int PRIMARY KEY, at timestamptz);"
        "CREATE INDEX %_log_at ON %_log (at);"
        "CREATE INDEX %_todos_title ON todos (title);"
        "CREATE VIEW %_view AS SELECT 1 AS one;"
        "CREATE MATERIALIZED VIEW %_matview AS SELECT 1 AS one;"
        "CREATE SEQUENCE %_seq;"
        "CREATE TYPE %_mood AS ENUM ('ok');"
        "CREATE DOMAIN %_positive AS int CHECK (VALUE > 0);"
        "CREATE FUNCTION %_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
        "CREATE TRIGGER %_on_todos BEFORE UPDATE ON todos FOR EACH ROW EXECUTE FUNCTION %_touch();"
        "COMMENT ON COLUMN %_log.at IS 'when';"
        "COMMENT ON TYPE %_mood IS 'mood';";
    const auto named = [&](const std::string& prefix) {
        std::string sql = kinds;
        for (std::size_t at = sql.find('%'); at != std::string::npos; at = sql.find('%', at))
            sql.replace(at, 1, prefix);
        return sql;
    };
    run(named("audit"));
    run(named("stray"));
    PostgresqlIntrospectOptions options;
    options.excluded_patterns = {"audit_*"};
    const std::string unmanaged = "' is in the database but no revision creates it";
    EXPECT_EQ(detect_postgresql_drift(db(), kRevisions, options),
              (std::vector<std::string>{
                  "table 'stray_log" + unmanaged, "comment 'column public.stray_log.at" + unmanaged,
                  "comment 'type public.stray_mood" + unmanaged, "domain 'stray_positive" + unmanaged,
                  "function 'stray_touch()" + unmanaged, "index 'stray_log_at" + unmanaged,
                  "index 'stray_todos_title" + unmanaged, "materialized view 'stray_matview" + unmanaged,
                  "sequence 'stray_seq" + unmanaged, "trigger 'todos.stray_on_todos" + unmanaged,
                  "type 'stray_mood" + unmanaged, "view 'stray_view" + unmanaged}));
    options.excluded_patterns = {"audit_*", "stray_*"};
    EXPECT_EQ(detect_postgresql_drift(db(), kRevisions, options), std::vector<std::string>{});
    EXPECT_EQ(scratch_databases(), "0");
}

}  // namespace
}  // namespace migrations::schema
