// @brief Table-driven tests of the build-time check for statements PostgreSQL refuses in a
// transaction block.
#include "checks/postgresql_statements.hpp"
#include "checks/transaction_control.hpp"

#include "case_name.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace migrations::generator {
namespace {

struct Case {
    const char* name;
    const char* sql;
    /// Expected (line, statement) pairs, the section starting on line 10.
    std::vector<std::pair<std::uint32_t, std::string>> found;
};

const std::vector<Case> kCases = {
    {"create index concurrently",
     "CREATE INDEX CONCURRENTLY todos_done ON todos (done);",
     {{10, "CREATE INDEX CONCURRENTLY"}}},
    {"unique, lower case, split over lines",
     "create\n  unique index\nconcurrently i on t (a);",
     {{10, "CREATE INDEX CONCURRENTLY"}}},
    {"drop index concurrently", "DROP INDEX CONCURRENTLY IF EXISTS i;", {{10, "DROP INDEX CONCURRENTLY"}}},
    {"reindex concurrently", "REINDEX INDEX CONCURRENTLY i;", {{10, "REINDEX CONCURRENTLY"}}},
    {"reindex with options", "REINDEX (VERBOSE) TABLE CONCURRENTLY t;", {{10, "REINDEX CONCURRENTLY"}}},
    {"reindex concurrently as an option", "REINDEX (CONCURRENTLY, VERBOSE) TABLE t;", {{10, "REINDEX CONCURRENTLY"}}},
    {"reindex database", "REINDEX DATABASE app;", {{10, "REINDEX DATABASE"}}},
    {"reindex schema", "REINDEX SCHEMA public;", {{10, "REINDEX SCHEMA"}}},
    {"analyze alone is fine", "ANALYZE todos;", {}},
    {"commit and rollback prepared",
     "COMMIT PREPARED 'x';\nROLLBACK PREPARED 'y';",
     {{10, "COMMIT PREPARED"}, {11, "ROLLBACK PREPARED"}}},
    {"reindex table is fine", "REINDEX TABLE t;", {}},
    {"vacuum", "VACUUM (ANALYZE) todos;", {{10, "VACUUM"}}},
    {"alter system", "ALTER SYSTEM SET work_mem = '64MB';", {{10, "ALTER SYSTEM"}}},
    {"create database", "CREATE DATABASE other;", {{10, "CREATE DATABASE"}}},
    {"drop database", "DROP DATABASE other;", {{10, "DROP DATABASE"}}},
    {"create tablespace", "CREATE TABLESPACE fast LOCATION '/ssd';", {{10, "CREATE TABLESPACE"}}},
    {"drop tablespace", "DROP TABLESPACE fast;", {{10, "DROP TABLESPACE"}}},
    {"alter database set tablespace",
     "ALTER DATABASE app SET TABLESPACE fast;",
     {{10, "ALTER DATABASE ... SET TABLESPACE"}}},
    {"alter database set parameter is fine", "ALTER DATABASE app SET work_mem = '1MB';", {}},
    {"discard all", "DISCARD ALL;", {{10, "DISCARD ALL"}}},
    {"ordinary statements are fine",
     "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);\nALTER TABLE t ADD COLUMN b text;",
     {}},
    {"the line of the statement, not of the section",
     "CREATE TABLE t (a int);\n\n-- note\nVACUUM t;",
     {{13, "VACUUM"}}},
    {"several in one section",
     "CREATE INDEX CONCURRENTLY a ON t (a);\nCREATE INDEX CONCURRENTLY b ON t (b);",
     {{10, "CREATE INDEX CONCURRENTLY"}, {11, "CREATE INDEX CONCURRENTLY"}}},
    {"inside a string literal", "INSERT INTO log VALUES ('; VACUUM; CREATE DATABASE x');", {}},
    {"inside an E string with an escaped quote", "INSERT INTO log VALUES (E'it\\'s; VACUUM');", {}},
    {"inside a line comment", "-- VACUUM;\nSELECT 1;", {}},
    {"inside a block comment", "/* VACUUM; /* nested */ DROP DATABASE x; */ SELECT 1;", {}},
    {"inside a dollar-quoted body",
     "CREATE FUNCTION f() RETURNS void AS $$ BEGIN EXECUTE 'x'; END; $$ LANGUAGE plpgsql;\n"
     "DO $body$ BEGIN PERFORM 1; END $body$;",
     {}},
    {"a dollar body hiding the word in a tagged quote",
     "CREATE FUNCTION f() RETURNS void AS $fn$\nBEGIN\n  VACUUM;\nEND $fn$ LANGUAGE plpgsql;",
     {}},
    {"a quoted identifier named like a keyword", "CREATE TABLE \"vacuum\" (a int);\nSELECT * FROM \"vacuum\";", {}},
    {"a column named concurrently", "CREATE INDEX i ON t (concurrently);", {}},
    {"after a dollar body, on its own line",
     "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nCREATE INDEX CONCURRENTLY i ON t (a);",
     {{11, "CREATE INDEX CONCURRENTLY"}}},
    {"after a comment on the same statement", "/* why */ VACUUM;", {{10, "VACUUM"}}},
    {"a BEGIN ATOMIC body",
     "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nVACUUM;",
     {{11, "VACUUM"}}},
};

class PostgresqlStatements : public testing::TestWithParam<Case> {};

TEST_P(PostgresqlStatements, FindsExactlyTheStatementsThatCannotRunInATransaction) {
    const Case& c = GetParam();
    const std::vector<NonTransactionalStatement> found = find_non_transactional_statements(c.sql, 10);
    ASSERT_EQ(found.size(), c.found.size()) << c.sql;
    for (std::size_t i = 0; i < found.size(); ++i) {
        EXPECT_EQ(found[i].line, c.found[i].first) << c.sql;
        EXPECT_EQ(found[i].statement, c.found[i].second) << c.sql;
    }
}

INSTANTIATE_TEST_SUITE_P(Table, PostgresqlStatements, testing::ValuesIn(kCases), testing_support::case_name<Case>);

TEST(PostgresqlStatementCheck, MessageNamesTheStatementAndTheFix) {
    const auto found = find_non_transactional_statements("CREATE INDEX CONCURRENTLY i ON t (a);", 7);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].message,
              "CREATE INDEX CONCURRENTLY cannot run inside a transaction block; add `-- transactional: false` to the "
              "header of this revision to run it on its own");
}

TEST(PostgresqlCommitBoundaries, FindAlterTypeAddValueOnly) {
    const auto found = find_commit_boundaries(
        "CREATE TYPE mood AS ENUM ('ok');\n"
        "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'sad' AFTER 'ok';\n"
        "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';\n"
        "ALTER TYPE point3 ADD ATTRIBUTE z int;\n"
        "INSERT INTO log VALUES ('ALTER TYPE mood ADD VALUE x');\n"
        "DO $$ BEGIN EXECUTE 'ALTER TYPE mood ADD VALUE ''y'''; END $$;\n"
        "alter type mood\n  add value 'meh';",
        10);
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(found[0].line, 11U);
    EXPECT_EQ(found[0].statement, "ALTER TYPE ... ADD VALUE");
    EXPECT_EQ(found[1].line, 16U);
}

TEST(PostgresqlClientCommands, RefuseCopyFromStdinWithTheAlternatives) {
    const auto found = find_client_commands("CREATE TABLE t (a int);\nCOPY t (a) FROM STDIN;\n1\n2\n\\.\n", 4);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].line, 5U);
    EXPECT_EQ(found[0].message,
              "COPY ... FROM STDIN reads its rows from the client, which only psql sends: a revision has no data to "
              "send; write the rows as INSERT statements, COPY FROM a file on the database server, or load them "
              "from the application");
}

TEST(PostgresqlClientCommands, RefusePsqlMetaCommandsOutsideQuotes) {
    const auto found = find_client_commands("\\set ON_ERROR_STOP on\nSELECT 1;\n  \\i other.sql\n", 1);
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(found[0].line, 1U);
    EXPECT_EQ(found[0].statement, "\\set");
    EXPECT_EQ(found[0].message,
              "psql meta-command '\\set' is not SQL: only psql understands backslash commands, the server does not; "
              "write the SQL itself in the revision (e.g. the statements of an \\i file, or INSERT instead of "
              "\\copy)");
    EXPECT_EQ(found[1].line, 3U);
    EXPECT_EQ(found[1].statement, "\\i");
}

TEST(PostgresqlClientCommands, AcceptBackslashesInStringsCommentsAndBodiesAndCopyFromAFile) {
    EXPECT_TRUE(find_client_commands("SELECT E'a\\nb', '\\x';\n-- \\i x\n/* \\set */\n"
                                     "DO $$ BEGIN RAISE NOTICE '\\'; END $$;\n"
                                     "COPY t FROM '/srv/data.csv';\nCOPY t TO STDOUT;\n",
                                     1)
                    .empty());
}

}  // namespace
}  // namespace migrations::generator
