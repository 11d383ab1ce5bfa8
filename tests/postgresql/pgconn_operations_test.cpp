// @brief The public operations on a plain libpq connection (PGconn*, the backend's contract),
// with no libpqxx involved: every verb works, the connection is left as it was found, and a
// connection that is null, failed or inside a transaction is refused before anything is sent.
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"
#include "test_database.hpp"

#include <migrations/postgresql.hpp>

#include <gtest/gtest.h>

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::expect_error;
using testing::graph_catalog;
using testing::TestDatabase;

struct PgconnFinish {
    void operator()(PGconn* connection) const noexcept { PQfinish(connection); }
};
using Pgconn = std::unique_ptr<PGconn, PgconnFinish>;

class PostgresqlPgconn : public ::testing::Test {
protected:
    /// The single value of `sql` ("" for NULL); fails the test when the query fails.
    std::string scalar(const std::string& sql) {
        PGresult* result = PQexec(pg_.get(), sql.c_str());
        std::string value;
        if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
            value = PQgetvalue(result, 0, 0);
        } else {
            ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
        }
        PQclear(result);
        return value;
    }
    void exec(const std::string& sql) {
        PGresult* result = PQexec(pg_.get(), sql.c_str());
        EXPECT_EQ(PQresultStatus(result), PGRES_COMMAND_OK) << sql << ": " << PQresultErrorMessage(result);
        PQclear(result);
    }
    /// "postgresql://postgres@127.0.0.1:PORT/<db>": how messages name this database.
    std::string location() {
        return "postgresql://postgres@127.0.0.1:" + std::string(PQport(pg_.get())) + "/" + database_.name();
    }

    TestDatabase database_;
    Pgconn pg_{PQconnectdb(database_.url().c_str())};
};

TEST_F(PostgresqlPgconn, EveryOperationWorksOnAPlainLibpqConnection) {
    ASSERT_EQ(PQstatus(pg_.get()), CONNECTION_OK);
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    EXPECT_EQ(upgrade(pg_.get(), catalog, "b").revisions.size(), 2U);
    EXPECT_EQ(current(pg_.get(), catalog), std::vector<std::string>{"b"});
    EXPECT_EQ(applied_revisions(pg_.get()).size(), 2U);
    EXPECT_EQ(history(pg_.get(), catalog).size(), 3U);
    EXPECT_FALSE(check(pg_.get(), catalog).ok);
    EXPECT_EQ(upgrade(pg_.get(), catalog).revisions.size(), 1U);
    const CheckResult at_head = check(pg_.get(), catalog);
    EXPECT_TRUE(at_head.ok) << (at_head.problems.empty() ? "" : at_head.problems.front());
    EXPECT_TRUE(repair(pg_.get(), catalog).repaired.empty());
    (void)stamp(pg_.get(), catalog, "a");
    EXPECT_EQ(current(pg_.get(), catalog), std::vector<std::string>{"a"});
    (void)downgrade(pg_.get(), catalog, "base");
    EXPECT_TRUE(current(pg_.get(), catalog).empty());
}

// A notice processor of the application's, with its argument.
void collect_notice(void* notices, const char* message) {
    static_cast<std::vector<std::string>*>(notices)->emplace_back(message);
}

TEST_F(PostgresqlPgconn, LeavesTheConnectionAsItFoundIt) {
    exec("SET lock_timeout = '7s'");
    exec("SET statement_timeout = '9s'");
    std::vector<std::string> notices;
    PQsetNoticeProcessor(pg_.get(), &collect_notice, &notices);
    CatalogBuilder b;
    b.add("a")
        .up("CREATE TABLE t (x INTEGER); DO $$ BEGIN RAISE NOTICE 'from revision a'; END $$;")
        .down("DROP TABLE t;");
    b.add("b", {"a"}).up("CREATE INDEX CONCURRENTLY t_x ON t (x);").down("DROP INDEX t_x;").no_transaction();
    (void)upgrade(pg_.get(), b.build());

    EXPECT_EQ(PQtransactionStatus(pg_.get()), PQTRANS_IDLE);
    EXPECT_EQ(PQgetResult(pg_.get()), nullptr);
    EXPECT_EQ(scalar("SHOW lock_timeout"), "7s");
    EXPECT_EQ(scalar("SHOW statement_timeout"), "9s");
    EXPECT_EQ(scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"), "0");
    ASSERT_EQ(notices.size(), 1U);
    EXPECT_EQ(notices[0], "NOTICE:  from revision a\n");
}

TEST_F(PostgresqlPgconn, RefusesANullConnection) {
    const Error error = expect_error([] { (void)upgrade(static_cast<PGconn*>(nullptr), graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::database);
    EXPECT_STREQ(error.what(), "the PostgreSQL connection is not open");
}

TEST_F(PostgresqlPgconn, RefusesAConnectionThatFailedToOpen) {
    // Port 1 on the loopback refuses at once.
    const Pgconn failed{PQconnectdb("postgresql://nobody@127.0.0.1:1/none")};
    ASSERT_NE(PQstatus(failed.get()), CONNECTION_OK);
    const Error error = expect_error([&] { (void)current(failed.get(), graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::database);
    EXPECT_STREQ(error.what(), "the PostgreSQL connection is not open");
}

TEST_F(PostgresqlPgconn, RefusesAConnectionInsideATransactionAndSendsNothing) {
    exec("BEGIN");
    const Error error = expect_error([&] { (void)upgrade(pg_.get(), graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::database);
    EXPECT_EQ(error.what(),
              "the PostgreSQL connection to " + location() + " is inside a transaction: migrations run their own");
    EXPECT_EQ(PQtransactionStatus(pg_.get()), PQTRANS_INTRANS);
    exec("ROLLBACK");
    EXPECT_EQ(scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_revisions'"), "0");
}

TEST_F(PostgresqlPgconn, SeesWhatTheLibpqxxOverloadsWrote) {
    const Catalog catalog = graph_catalog("a:;b:a");
    const std::unique_ptr<pqxx::connection> connection = database_.connect();
    (void)upgrade(*connection, catalog);
    EXPECT_EQ(current(pg_.get(), catalog), std::vector<std::string>{"b"});
    (void)downgrade(pg_.get(), catalog, "a");
    EXPECT_EQ(current(*connection, catalog), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace migrations
