// @brief The lexical checks of a PostgreSQL section, table-driven: psql-only text and
// transaction control are found at their line, and never inside strings, comments or bodies.
#include "postgresql/section_checks.hpp"

#include <gtest/gtest.h>

namespace migrations::postgresql {
namespace {

struct Case {
    const char* sql;
    int line;  // 0-based line of the finding, -1 for none
};

template <typename Find>
void expect_findings(Find find, std::initializer_list<Case> cases) {
    for (const Case& c : cases) {
        const std::vector<Token> tokens = lex(c.sql);
        const std::optional<Refusal> refusal = find(c.sql, tokens, split_statements(c.sql, tokens));
        EXPECT_EQ(refusal ? static_cast<int>(refusal->line) : -1, c.line) << c.sql;
    }
}

TEST(PostgresqlSectionChecks, FindsCopyFromStdinAndMetaCommands) {
    expect_findings(find_psql_only, {
                                        {"COPY t FROM STDIN;", 0},
                                        {"SELECT 1;\ncopy t (a, b) from stdin with (format csv);\n1,2\n\\.", 1},
                                        {"COPY t FROM '/srv/t.csv';", -1},
                                        {"COPY t TO STDOUT;", -1},
                                        {"SELECT 1;\n\\set x 1", 1},
                                        {"SELECT 'a\\b', E'\\n', $$ \\x $$; -- \\set", -1},
                                        {"SELECT '-- COPY t FROM STDIN';", -1},
                                    });
}

TEST(PostgresqlSectionChecks, FindsTransactionControl) {
    expect_findings(find_transaction_control, {
                                                  {"CREATE TABLE a (x int);\nCOMMIT;", 1},
                                                  {"end;", 0},
                                                  {"ABORT", 0},
                                                  {"BEGIN;\nSELECT 1;", 0},
                                                  {"START TRANSACTION;", 0},
                                                  {"SELECT 1;\n/* done */ PREPARE TRANSACTION 'x';", 1},
                                                  {"ROLLBACK AND CHAIN;", 0},
                                                  {"SAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nRELEASE s;", -1},
                                                  {"PREPARE q AS SELECT 1;", -1},
                                                  {"DO $$ BEGIN COMMIT; END $$;", -1},
                                                  {"CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END;", -1},
                                                  {"SELECT 'COMMIT';", -1},
                                              });
}

}  // namespace
}  // namespace migrations::postgresql
