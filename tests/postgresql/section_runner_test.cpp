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

TEST_F(PostgresqlSection, IncludesTheServerDetailOnAnIndentedLine) {
    EXPECT_EQ(
        failure(pg_, "CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);"),
        "migrations/1a2b_todos.sql:7: 1a2b upgrade failed: duplicate key value violates unique constraint "
        "\"a_pkey\"\n  DETAIL: Key (id)=(1) already exists.");
}

TEST_F(PostgresqlSection, IncludesTheHintOfAnEnumLabelUsedInTheTransactionThatAddedIt) {
    run_section(pg_, "CREATE TYPE mood AS ENUM ('ok');", kSource);
    query(pg_, "BEGIN");
    EXPECT_EQ(failure(pg_, "ALTER TYPE mood ADD VALUE 'sad';\nCREATE TABLE t (m mood NOT NULL DEFAULT 'sad');"),
              "migrations/1a2b_todos.sql:6: 1a2b upgrade failed: unsafe use of new value \"sad\" of enum type mood\n"
              "  HINT: New enum values must be committed before they can be used.");
    query(pg_, "ROLLBACK");
}

TEST_F(PostgresqlSection, IncludesTheHintOfAnAmbiguousFunction) {
    EXPECT_EQ(failure(pg_,
                      "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                      "CREATE FUNCTION f(a bigint) RETURNS int LANGUAGE sql AS 'SELECT 2';\n"
                      "DROP FUNCTION f;"),
              "migrations/1a2b_todos.sql:7: 1a2b upgrade failed: function name \"f\" is not unique\n"
              "  HINT: Specify the argument list to select the function unambiguously.");
}

TEST_F(PostgresqlSection, ReportsARaiseInsideADoBlockAtItsLine) {
    // The RAISE is on the 5th line of the block: line 10 of the file (the section starts on 5).
    EXPECT_EQ(failure(pg_,
                      "CREATE TABLE t (n int);\n"
                      "DO $$\n"
                      "DECLARE n int;\n"
                      "BEGIN\n"
                      "  n := 42;\n"
                      "  RAISE EXCEPTION 'no: %', n;\n"
                      "END\n"
                      "$$;"),
              "migrations/1a2b_todos.sql:10: 1a2b upgrade failed: no: 42\n"
              "  CONTEXT: PL/pgSQL function inline_code_block line 5 at RAISE");
}

TEST_F(PostgresqlSection, ReportsAFailingStatementInsideADoBlockAtTheLineOfTheError) {
    EXPECT_EQ(failure(pg_,
                      "CREATE TABLE t (x int);\n"
                      "DO $body$\n"
                      "BEGIN\n"
                      "  PERFORM 1;\n"
                      "  INSERT INTO t\n"
                      "    SELECT * FROM missing;\n"
                      "END $body$;"),
              "migrations/1a2b_todos.sql:10: 1a2b upgrade failed: relation \"missing\" does not exist\n"
              "  CONTEXT: PL/pgSQL function inline_code_block line 4 at SQL statement");
}

TEST_F(PostgresqlSection, ReportsAFailureInAFunctionOfTheSectionAtItsLine) {
    EXPECT_EQ(failure(pg_,
                      "CREATE OR REPLACE FUNCTION public.check_it(n int) RETURNS int AS $$\n"
                      "BEGIN\n"
                      "  IF n > 1 THEN\n"
                      "    RAISE EXCEPTION 'too big: %', n USING HINT = 'keep it small';\n"
                      "  END IF;\n"
                      "  RETURN n;\n"
                      "END;\n"
                      "$$ LANGUAGE plpgsql;\n"
                      "SELECT check_it(1);\n"
                      "SELECT check_it(2);"),
              "migrations/1a2b_todos.sql:8: 1a2b upgrade failed: too big: 2\n"
              "  HINT: keep it small\n"
              "  CONTEXT: PL/pgSQL function check_it(integer) line 4 at RAISE");
}

// COPY ... FROM STDIN and psql meta-commands are refused by the generator at build time (every
// catalog is built by it); should one reach the server, its own answer is reported at its line.
// Sent whole, nothing runs: the server parses the whole text before it runs any of it.
TEST_F(PostgresqlSection, ReportsTheServersAnswerToCopyFromStdinAtItsLine) {
    const std::string sql = "CREATE TABLE t (a int, b text);\n-- data:\nCOPY t (a, b) FROM stdin;\n1\tone\n\\.\n";
    EXPECT_EQ(failure(pg_, sql), "migrations/1a2b_todos.sql:8: 1a2b upgrade failed: syntax error at or near \"1\"");
    EXPECT_EQ(scalar(*connection_, "SELECT to_regclass('t') IS NULL"), "t");
    // One statement at a time (a non-transactional revision), the COPY is ended with an error.
    EXPECT_EQ(failure(pg_, "CREATE TABLE u (a int);\nCOPY u FROM stdin;", Submission::one_statement_at_a_time),
              "migrations/1a2b_todos.sql:6: 1a2b upgrade failed: COPY from stdin failed: COPY FROM STDIN cannot read "
              "data in a revision\n  CONTEXT: COPY u, line 1");
}

TEST_F(PostgresqlSection, ReportsTheServersAnswerToAPsqlMetaCommandAtItsLine) {
    EXPECT_EQ(failure(pg_, "CREATE TABLE t (a int);\n\\set x 1\nINSERT INTO t VALUES (:x);"),
              "migrations/1a2b_todos.sql:6: 1a2b upgrade failed: syntax error at or near \"\\\"");
    EXPECT_EQ(scalar(*connection_, "SELECT to_regclass('t') IS NULL"), "t");
}

// Transaction control in a transactional revision is refused at build time; a transaction the
// section ended anyway shows in the connection's state after it, and is reported.
TEST_F(PostgresqlSection, ReportsASectionThatEndedTheTransaction) {
    query(pg_, "BEGIN");
    EXPECT_EQ(failure(pg_, "CREATE TABLE a (x int);\n-- done\nCOMMIT;\nCREATE TABLE b (x int);"),
              "migrations/1a2b_todos.sql:5: 1a2b upgrade failed: the revision's SQL ends the migration's transaction "
              "(COMMIT, ROLLBACK, END...): transaction control is not allowed in a transactional revision (mark the "
              "revision 'transactional: false' to run it outside one)");
    EXPECT_EQ(PQtransactionStatus(pg_), PQTRANS_IDLE);
    // Savepoints stay inside the transaction.
    query(pg_, "BEGIN");
    run_section(pg_, "SAVEPOINT s;\nCREATE TABLE c (x int);\nROLLBACK TO SAVEPOINT s;", kSource);
    EXPECT_EQ(PQtransactionStatus(pg_), PQTRANS_INTRANS);
    query(pg_, "COMMIT");
    EXPECT_EQ(scalar(*connection_, "SELECT to_regclass('c') IS NULL"), "t");
    // Outside a transaction (a non-transactional revision) the same text runs.
    run_section(pg_, "BEGIN;\nCREATE TABLE d (x int);\nCOMMIT;", kSource, Submission::one_statement_at_a_time);
    EXPECT_EQ(scalar(*connection_, "SELECT to_regclass('d') IS NOT NULL"), "t");
}

TEST_F(PostgresqlSection, CallsTheStallWatchWhileAStatementWaits) {
    int calls = 0;
    StallWatch watch{std::chrono::milliseconds(100), [&] { ++calls; }};
    run_section(pg_, "SELECT 1;\nSELECT pg_sleep(0.35);", kSource, Submission::whole, watch);
    EXPECT_GE(calls, 2);
    EXPECT_LE(calls, 4);
    calls = 0;
    run_section(pg_, "SELECT 1;", kSource, Submission::whole, watch);
    EXPECT_EQ(calls, 0);
}

TEST(PostgresqlMessages, JoinsLibpqsMultiLineMessagesOnOneLine) {
    EXPECT_EQ(one_line("server closed the connection unexpectedly\n\tThis probably means the server terminated "
                       "abnormally\n\tbefore or while processing the request.\n"),
              "server closed the connection unexpectedly This probably means the server terminated abnormally before "
              "or while processing the request.");
    EXPECT_EQ(one_line("one line  "), "one line");
    EXPECT_EQ(one_line(""), "");
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
    run_section(pg_, "CREATE INDEX CONCURRENTLY t_a ON t (a);\n-- and\nCREATE INDEX CONCURRENTLY t_b ON t (b);",
                kSource, Submission::one_statement_at_a_time);
    EXPECT_EQ(scalar(*connection_,
                     "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                     " WHERE tablename = 't'"),
              "t_a,t_b");
}

TEST_F(PostgresqlSection, ServerRefusesConcurrentIndexesSentTogether) {
    run_section(pg_, "CREATE TABLE t (a int, b int)", kSource);
    EXPECT_EQ(failure(pg_, "CREATE INDEX CONCURRENTLY t_a ON t (a);\nCREATE INDEX CONCURRENTLY t_b ON t (b);"),
              "migrations/1a2b_todos.sql:5: 1a2b upgrade failed: CREATE INDEX CONCURRENTLY cannot run inside a "
              "transaction block");
}

TEST_F(PostgresqlSection, SendsTheStatementsWhereTheCatalogSplitThem) {
    run_section(pg_, "CREATE TABLE t (a int, b int)", kSource);
    const std::string sql = "CREATE INDEX CONCURRENTLY t_a ON t (a);\nCREATE INDEX CONCURRENTLY t_b ON t (b);";
    SectionSource source = kSource;
    // The build's split is what is sent: both statements in one range go as one query, which
    // the server refuses for CONCURRENTLY (the lexer alone would have sent them apart).
    const std::vector<StatementRange> joined{{0, static_cast<std::uint32_t>(sql.size() - 1)}};
    source.statements = &joined;
    try {
        run_section(pg_, sql, source, Submission::one_statement_at_a_time);
        ADD_FAILURE() << "the two statements were not sent together";
    } catch (const SectionError& error) {
        EXPECT_STREQ(error.what(),
                     "migrations/1a2b_todos.sql:5: 1a2b upgrade failed: CREATE INDEX CONCURRENTLY "
                     "cannot run inside a transaction block");
    }
    const std::vector<StatementRange> split{{0, 38}, {40, 38}};
    source.statements = &split;
    run_section(pg_, sql, source, Submission::one_statement_at_a_time);
    EXPECT_EQ(scalar(*connection_,
                     "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                     " WHERE tablename = 't'"),
              "t_a,t_b");
}

TEST_F(PostgresqlSection, ReportsTheLineOfTheCatalogsFailingStatement) {
    const std::string sql = "CREATE TABLE u (a int);\n\n-- again\nCREATE TABLE u (a int);";
    const std::vector<StatementRange> split{{0, 22}, {34, 22}};
    SectionSource source = kSource;
    source.statements = &split;
    for (const Submission submission : {Submission::whole, Submission::one_statement_at_a_time}) {
        try {
            run_section(pg_, sql, source, submission);
            ADD_FAILURE() << "the second CREATE TABLE ran";
        } catch (const SectionError& error) {
            EXPECT_STREQ(error.what(),
                         "migrations/1a2b_todos.sql:8: 1a2b upgrade failed: relation \"u\" already exists");
        }
        query(pg_, "DROP TABLE IF EXISTS u");
    }
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
