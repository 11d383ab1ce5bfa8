// @brief Table-driven tests of the build-time check for transaction control in transactional
// sections, on both dialects.
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
    Dialect dialect;
    const char* sql;
    /// Expected (line, statement) pairs, the section starting on line 10.
    std::vector<std::pair<std::uint32_t, std::string>> found;
};

constexpr Dialect kSqlite = Dialect::sqlite;
constexpr Dialect kPostgresql = Dialect::postgresql;

const std::vector<Case> kCases = {
    {"commit on postgresql",
     kPostgresql,
     "CREATE TABLE t (a int);\nCOMMIT;\nCREATE TABLE u (a int);",
     {{11, "COMMIT"}}},
    {"commit on sqlite", kSqlite, "CREATE TABLE t (a int);\ncommit transaction;", {{11, "COMMIT"}}},
    {"begin and end on sqlite",
     kSqlite,
     "BEGIN IMMEDIATE;\nCREATE TABLE t (a);\nEND TRANSACTION;",
     {{10, "BEGIN"}, {12, "END"}}},
    {"start transaction", kPostgresql, "START TRANSACTION ISOLATION LEVEL SERIALIZABLE;", {{10, "START TRANSACTION"}}},
    {"rollback", kPostgresql, "ROLLBACK;", {{10, "ROLLBACK"}}},
    {"rollback work on sqlite", kSqlite, "ROLLBACK TRANSACTION;", {{10, "ROLLBACK"}}},
    {"abort on postgresql", kPostgresql, "ABORT;", {{10, "ABORT"}}},
    {"prepare transaction", kPostgresql, "PREPARE TRANSACTION 'x';", {{10, "PREPARE TRANSACTION"}}},
    {"end on postgresql", kPostgresql, "end;", {{10, "END"}}},
    {"savepoints stay inside the transaction",
     kPostgresql,
     "SAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nROLLBACK WORK TO s;\nRELEASE SAVEPOINT s;",
     {}},
    {"savepoints on sqlite", kSqlite, "SAVEPOINT s;\nROLLBACK TRANSACTION TO s;\nRELEASE s;", {}},
    {"commit inside a plpgsql procedure body",
     kPostgresql,
     "CREATE PROCEDURE batch() LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO t VALUES (1);\n  COMMIT;\nEND\n$$;",
     {}},
    {"begin and end of a do block", kPostgresql, "DO $body$\nBEGIN\n  ROLLBACK;\nEND\n$body$;", {}},
    {"a begin atomic body",
     kPostgresql,
     "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;",
     {}},
    {"in strings and comments", kSqlite, "INSERT INTO log VALUES ('; COMMIT');\n-- COMMIT;\n/* END; */ SELECT 1;", {}},
    {"a sqlite trigger body",
     kSqlite,
     "CREATE TRIGGER t_ai AFTER INSERT ON t\nBEGIN\n  UPDATE n SET c = c + 1;\n  DELETE FROM q;\nEND;\n"
     "CREATE TEMP TRIGGER t_ad AFTER DELETE ON t BEGIN SELECT 1; END;",
     {}},
    {"a case expression inside a trigger body",
     kSqlite,
     "CREATE TRIGGER t_au AFTER UPDATE ON t BEGIN\n  UPDATE n SET c = CASE WHEN c > 0 THEN 1 ELSE 0 END;\nEND;\n"
     "COMMIT;",
     {{13, "COMMIT"}}},
    {"a sqlite trigger seen by postgresql in a generic section",
     kPostgresql,
     "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN\n  UPDATE n SET c = c + 1;\nEND;",
     {}},
    {"a postgresql trigger has no body",
     kPostgresql,
     "CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION bump();\nCOMMIT;",
     {{11, "COMMIT"}}},
    // Read from the parse tree: these end a prepared transaction, not ours, and cannot run
    // inside a transaction block at all (find_non_transactional_statements reports them).
    {"commit prepared is not the migrations commit", kPostgresql, "COMMIT PREPARED 'x';\nROLLBACK PREPARED 'y';", {}},
    {"abort and end as written", kPostgresql, "SELECT 1;\n  abort;\nEND WORK;", {{11, "ABORT"}, {12, "END"}}},
    {"a column named end", kSqlite, "CREATE TABLE t (\"end\" INTEGER, begin_at TEXT);\nSELECT begin_at FROM t;", {}},
};

class TransactionControl : public testing::TestWithParam<Case> {};

TEST_P(TransactionControl, FindsExactlyTheStatementsThatEndTheTransaction) {
    const Case& c = GetParam();
    const std::vector<StatementFinding> found = find_transaction_control(c.sql, 10, c.dialect);
    ASSERT_EQ(found.size(), c.found.size()) << c.sql;
    for (std::size_t i = 0; i < found.size(); ++i) {
        EXPECT_EQ(found[i].line, c.found[i].first) << c.sql;
        EXPECT_EQ(found[i].statement, c.found[i].second) << c.sql;
    }
}

INSTANTIATE_TEST_SUITE_P(Table, TransactionControl, testing::ValuesIn(kCases), testing_support::case_name<Case>);

TEST(TransactionControlCheck, MessageSaysWhatBreaksAndBothFixes) {
    const auto found = find_transaction_control("COMMIT;", 7, Dialect::sqlite);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].message,
              "COMMIT in a transactional revision ends the migration's transaction: the statements after it would run "
              "outside it and a failure could no longer be rolled back; drop it (the runtime begins and commits the "
              "transaction), or add `-- transactional: false` to the header of this revision to run it on its own");
}

}  // namespace
}  // namespace migrations::generator
