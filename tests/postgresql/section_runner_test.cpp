// @brief Running sections on a real server: multi-statement text split by PostgreSQL, `$$`
// bodies, and failures reported at the line of the failing statement in the revision file.
#include "postgresql/section_runner.hpp"

#include "postgresql/libpq_query.hpp"
#include "test_database.hpp"

#include <gtest/gtest.h>

namespace migrations::postgresql {
namespace {

using testing::raw;
using testing::scalar;
using testing::TestDatabase;

constexpr SectionSource kSource{"migrations/1a2b_todos.sql", "1a2b", "upgrade", 5};

std::string failure(PGconn* connection, std::string_view sql, Submission submission = Submission::whole) {
    try {
        run_section(connection, sql, kSource, submission);
    } catch (const SectionError& error) {
        return error.what();
    }
    return "no failure";
}

class PostgresqlSection : public ::testing::Test {
protected:
    TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();
    PGconn* pg_ = raw(*connection_);
};

TEST_F(PostgresqlSection, RunsSeveralStatementsAndDollarQuotedFunctions) {
    run_section(pg_,
                "CREATE TABLE todos (id serial PRIMARY KEY, title text NOT NULL);\n"
                "CREATE FUNCTION add_todo(t text) RETURNS int AS $$\n"
                "DECLARE new_id int;\n"
                "BEGIN\n"
                "  INSERT INTO todos (title) VALUES (t) RETURNING id INTO new_id;\n"
                "  RETURN new_id;\n"
                "END;\n"
                "$$ LANGUAGE plpgsql;\n"
                "INSERT INTO todos (title) VALUES ('a; b');\n"
                "SELECT add_todo('c');",
                kSource);
    EXPECT_EQ(scalar(*connection_, "SELECT string_agg(title, ',' ORDER BY id) FROM todos"), "a; b,c");
}

TEST_F(PostgresqlSection, ReportsTheLineOfASyntaxErrorFromTheServerPosition) {
    EXPECT_EQ(failure(pg_, "CREATE TABLE a (id int);\n\nCREATE TABLE b (id int);\nCREATE TABEL c (id int);"),
              "migrations/1a2b_todos.sql:8: 1a2b upgrade failed: syntax error at or near \"TABEL\"");
}

TEST_F(PostgresqlSection, CountsCharactersNotBytesInTheServerPosition) {
    EXPECT_EQ(failure(pg_, "SELECT 'été', 'ünï';\nSELECT 'ß' FROM nowhere;"),
              "migrations/1a2b_todos.sql:6: 1a2b upgrade failed: relation \"nowhere\" does not exist");
}

TEST_F(PostgresqlSection, ReportsTheFailingStatementWhenTheServerGivesNoPosition) {
    EXPECT_EQ(failure(pg_, "CREATE TABLE a (id int);\n-- again:\nCREATE TABLE\n  a (id int);\nSELECT 1;"),
              "migrations/1a2b_todos.sql:7: 1a2b upgrade failed: relation \"a\" already exists");
}

TEST_F(PostgresqlSection, IncludesTheServerDetail) {
    EXPECT_EQ(failure(pg_, "CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);"),
              "migrations/1a2b_todos.sql:7: 1a2b upgrade failed: duplicate key value violates unique constraint "
              "\"a_pkey\" (Key (id)=(1) already exists.)");
}

TEST_F(PostgresqlSection, ReportsAFailureInsideADoBlockAtTheBlock) {
    EXPECT_EQ(failure(pg_, "SELECT 1;\nDO $$\nBEGIN\n  RAISE EXCEPTION 'no: %', 42;\nEND\n$$;"),
              "migrations/1a2b_todos.sql:6: 1a2b upgrade failed: no: 42");
}

TEST_F(PostgresqlSection, ExposesTheLineAndSqlstate) {
    try {
        run_section(pg_, "SELECT 1;\nSELECT * FROM missing;", kSource);
        FAIL() << "no failure";
    } catch (const SectionError& error) {
        EXPECT_EQ(error.line(), 6U);
        EXPECT_EQ(error.sqlstate(), "42P01");
        EXPECT_EQ(error.server_message(), "relation \"missing\" does not exist");
    }
}

TEST_F(PostgresqlSection, LeavesNothingBehindInARolledBackTransaction) {
    query(pg_, "BEGIN");
    EXPECT_NE(failure(pg_, "CREATE TABLE kept (id int);\nSELECT 1/0;"), "no failure");
    query(pg_, "ROLLBACK");
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_class WHERE relname = 'kept'"), "0");
}

TEST_F(PostgresqlSection, RunsConcurrentIndexesOneStatementAtATime) {
    run_section(pg_, "CREATE TABLE t (a int, b int)", kSource);
    run_section(pg_, "CREATE INDEX CONCURRENTLY t_a ON t (a);\n-- and\nCREATE INDEX CONCURRENTLY t_b ON t (b);", kSource,
                Submission::one_statement_at_a_time);
    EXPECT_EQ(scalar(*connection_, "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                                   " WHERE tablename = 't'"),
              "t_a,t_b");
}

TEST_F(PostgresqlSection, ServerRefusesConcurrentIndexesSentTogether) {
    run_section(pg_, "CREATE TABLE t (a int, b int)", kSource);
    EXPECT_EQ(failure(pg_, "CREATE INDEX CONCURRENTLY t_a ON t (a);\nCREATE INDEX CONCURRENTLY t_b ON t (b);"),
              "migrations/1a2b_todos.sql:5: 1a2b upgrade failed: CREATE INDEX CONCURRENTLY cannot run inside a "
              "transaction block");
}

TEST_F(PostgresqlSection, ReportsTheLineOfAStatementSentAlone) {
    EXPECT_EQ(failure(pg_, "CREATE TABLE t (a int);\n\nCREATE INDEX CONCURRENTLY t_a ON t (\n  a,,);",
                      Submission::one_statement_at_a_time),
              "migrations/1a2b_todos.sql:8: 1a2b upgrade failed: syntax error at or near \",\"");
    EXPECT_EQ(failure(pg_, "CREATE INDEX CONCURRENTLY t_b ON t (\n  nope);", Submission::one_statement_at_a_time),
              "migrations/1a2b_todos.sql:5: 1a2b upgrade failed: column \"nope\" does not exist");
    EXPECT_EQ(failure(pg_, "CREATE TABLE u (a int);\nCREATE TABLE u (a int);", Submission::one_statement_at_a_time),
              "migrations/1a2b_todos.sql:6: 1a2b upgrade failed: relation \"u\" already exists");
}

TEST_F(PostgresqlSection, LeavesTheConnectionUsableAfterAFailure) {
    EXPECT_NE(failure(pg_, "SELECT 1; SELECT 1/0; SELECT 2;"), "no failure");
    EXPECT_EQ(scalar(*connection_, "SELECT 40 + 2"), "42");
}

TEST(PostgresqlCharacterPosition, MapsCharactersToBytes) {
    EXPECT_EQ(byte_offset_of_character("abc", 1), 0U);
    EXPECT_EQ(byte_offset_of_character("abc", 3), 2U);
    EXPECT_EQ(byte_offset_of_character("\xC3\xA9t\xC3\xA9", 2), 2U);
    EXPECT_EQ(byte_offset_of_character("\xC3\xA9t\xC3\xA9", 3), 3U);
    EXPECT_EQ(byte_offset_of_character("abc", 99), 3U);
}

}  // namespace
}  // namespace migrations::postgresql
