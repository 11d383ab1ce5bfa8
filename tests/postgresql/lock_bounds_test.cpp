// @brief How long migration SQL may wait for locks on a real server: statement_lock_timeout
// and statement_timeout set for the migration only, a lock timeout naming the sessions that
// block it, other queries not queued behind a waiting ALTER TABLE for longer than the bound,
// and the wait for another process's migration lock reported as events.
#include "postgresql/advisory_lock.hpp"
#include "postgresql/libpq_query.hpp"
#include "postgresql/postgresql_backend.hpp"
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"
#include "test_database.hpp"

#include <migrations/migrations.hpp>
#include <migrations/postgresql.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <regex>
#include <thread>

namespace migrations {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::CatalogBuilder;
using testing::expect_error;
using testing::graph_catalog;
using testing::raw;
using testing::scalar;
using testing::TestDatabase;

// a creates t; b alters it (its ALTER TABLE on line 7 of migrations/b.sql). The bounds of the
// tests that name blockers leave the half bound (when the blockers are asked) to open the
// second connection on a loaded machine.
Catalog alter_catalog() {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x int);\nINSERT INTO t VALUES (1);").down("DROP TABLE t;");
    b.add("b", {"a"}).up("SELECT 1;\nALTER TABLE t ADD COLUMN y int;").down("ALTER TABLE t DROP COLUMN y;");
    return b.build();
}

class PostgresqlLockBounds : public ::testing::Test {
protected:
    // A session holding ACCESS SHARE on t: an open transaction that read it.
    std::unique_ptr<pqxx::connection> start_reader() {
        auto reader = database_.connect();
        postgresql::query(raw(*reader), "SET application_name = 'long-reader'");
        postgresql::query(raw(*reader), "BEGIN; SELECT count(*) FROM t");
        return reader;
    }
    std::string blocked_by(pqxx::connection& reader) {
        return "\n  blocked by pid " + std::to_string(PQbackendPID(raw(reader))) +
               " (application_name 'long-reader', state 'idle in transaction', query 'BEGIN; SELECT count(*) FROM t')";
    }

    TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();
    PGconn* pg_ = raw(*connection_);
};

TEST_F(PostgresqlLockBounds, AStatementWaitingForALockThrowsStatementLockTimeoutNamingTheBlocker) {
    const Catalog catalog = alter_catalog();
    (void)upgrade(*connection_, catalog, "a");
    auto reader = start_reader();
    Options options;
    options.statement_lock_timeout = 500ms;
    detail::PostgresqlBackend backend(raw(*connection_), options);
    backend.lock();
    backend.begin();
    const RevisionSpec& b = catalog[1];
    try {
        backend.execute(b, *Catalog::upgrade_section(b, Dialect::postgresql), Direction::upgrade);
        FAIL() << "no lock timeout";
    } catch (const detail::StatementLockTimeout& error) {
        EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
        EXPECT_EQ(error.revision(), "b");
        EXPECT_EQ(error.line(), 7U);
        EXPECT_EQ(postgresql_sqlstate(error.database_code()), "55P03");
        EXPECT_EQ(
            std::string(error.what()),
            "migrations/b.sql:7: b upgrade failed: canceling statement due to lock timeout" + blocked_by(*reader));
    }
    backend.rollback();
}

TEST_F(PostgresqlLockBounds, ALockRefusedAtOnceIsALockTimeoutWithoutBlockersNamed) {
    CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t (x int);").down("DROP TABLE t;");
    builder.add("b", {"a"}).up("LOCK TABLE t IN ACCESS EXCLUSIVE MODE NOWAIT;").down("SELECT 1;");
    const Catalog catalog = builder.build();
    (void)upgrade(*connection_, catalog, "a");
    auto reader = start_reader();
    detail::PostgresqlBackend backend(raw(*connection_), Options{});
    backend.lock();
    backend.begin();
    const RevisionSpec& b = catalog[1];
    try {
        backend.execute(b, *Catalog::upgrade_section(b, Dialect::postgresql), Direction::upgrade);
        FAIL() << "no lock timeout";
    } catch (const detail::StatementLockTimeout& error) {
        EXPECT_STREQ(error.what(),
                     "migrations/b.sql:6: b upgrade failed: could not obtain lock on relation \"t\"\n"
                     "  (no blocking session was seen while it waited)");
    }
    backend.rollback();
}

TEST_F(PostgresqlLockBounds, AnUpgradeBehindAReaderRetriesAndSucceedsOnceTheReaderEnds) {
    const Catalog catalog = alter_catalog();
    (void)upgrade(*connection_, catalog, "a");
    auto reader = start_reader();
    const std::string blocker = blocked_by(*reader);
    std::thread ending([&] {
        std::this_thread::sleep_for(700ms);
        postgresql::query(raw(*reader), "ROLLBACK");
    });
    std::vector<std::string> retries;
    Options options;
    options.statement_lock_timeout = 400ms;
    options.lock_retry_delay = 100ms;
    options.on_event = [&](const Event& event) {
        if (event.kind != EventKind::lock_retry) return;
        retries.push_back(std::string(event.revision) + " attempt " + std::to_string(event.index) + "/" +
                          std::to_string(event.count) + ": " + std::string(event.message));
    };
    const UpgradeResult result = upgrade(database_.url(), catalog, "head", options);
    ending.join();
    EXPECT_EQ(result.revisions, std::vector<std::string>{"b"});
    EXPECT_EQ(scalar(*connection_, "SELECT count(y) FROM t"), "0");  // the column exists
    ASSERT_GE(retries.size(), 1U);
    EXPECT_EQ(retries[0],
              "b attempt 1/6: migrations/b.sql:7: b upgrade failed: canceling statement due to lock "
              "timeout" +
                  blocker);
}

TEST_F(PostgresqlLockBounds, AnUpgradeWhoseRetriesRunOutFailsNamingTheBlocker) {
    const Catalog catalog = alter_catalog();
    (void)upgrade(*connection_, catalog, "a");
    auto reader = start_reader();
    std::size_t retries = 0;
    Options options;
    options.statement_lock_timeout = 400ms;
    options.lock_retries = 2;
    options.lock_retry_delay = 50ms;
    options.on_event = [&](const Event& event) { retries += event.kind == EventKind::lock_retry ? 1 : 0; };
    const Error error = expect_error([&] { (void)upgrade(database_.url(), catalog, "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_EQ(retries, 2U);
    const std::string what = error.what();
    const std::string expected =
        "migrations/b.sql:7: b upgrade failed: canceling statement due to lock timeout" + blocked_by(*reader);
    EXPECT_EQ(what.substr(0, expected.size()), expected);
    EXPECT_NE(what.find("\n  gave up after 3 attempt(s)"), std::string::npos) << what;
    EXPECT_EQ(current(*connection_, catalog), std::vector<std::string>{"a"});
}

TEST_F(PostgresqlLockBounds, ANonTransactionalRevisionIsBoundedToo) {
    CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t (x int);").down("DROP TABLE t;");
    builder.add("b", {"a"}).up("ALTER TABLE t ADD COLUMN y int;").down("ALTER TABLE t DROP COLUMN y;").no_transaction();
    const Catalog catalog = builder.build();
    (void)upgrade(*connection_, catalog, "a");
    auto reader = start_reader();
    Options options;
    options.statement_lock_timeout = 500ms;
    options.lock_retries = 0;
    const Error error = expect_error([&] { (void)upgrade(database_.url(), catalog, "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_EQ(std::string(error.what()),
              "migrations/b.sql:6: b upgrade failed: canceling statement due to lock timeout" + blocked_by(*reader));
}

TEST_F(PostgresqlLockBounds, AConcurrentIndexWaitsForAnOlderSnapshotWithoutTheBound) {
    // CREATE INDEX CONCURRENTLY waits for transactions older than it (lock waits on their
    // virtual transaction ids) but blocks nobody's reads or writes: under the table-lock bound
    // it would fail behind any long transaction and leave an INVALID index. It runs unbounded.
    CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t (x int);").down("DROP TABLE t;");
    builder.add("i", {"a"})
        .up("CREATE INDEX CONCURRENTLY t_x ON t (x);\nCREATE TABLE after_index (x int);")
        .down("DROP INDEX CONCURRENTLY t_x;\nDROP TABLE after_index;")
        .no_transaction();
    const Catalog catalog = builder.build();
    postgresql::query(pg_, "SET statement_timeout = '20s'");  // a mistake fails, never hangs
    (void)upgrade(*connection_, catalog, "a");
    auto reader = database_.connect();
    postgresql::query(raw(*reader), "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM t");
    std::thread ending([&] {
        std::this_thread::sleep_for(900ms);
        postgresql::query(raw(*reader), "COMMIT");
    });
    Options options;
    options.statement_lock_timeout = 300ms;
    const auto started = Clock::now();
    EXPECT_EQ(upgrade(database_.url(), catalog, "head", options).revisions, std::vector<std::string>{"i"});
    ending.join();
    EXPECT_GE(Clock::now() - started, 800ms) << "it waited for the older snapshot";
    EXPECT_EQ(scalar(*connection_, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_x'::regclass"), "t");
    // The statements after it are bounded again: the session's lock_timeout was put back.
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_tables WHERE tablename = 'after_index'"), "1");
}

TEST_F(PostgresqlLockBounds, OtherQueriesOnTheTableWaitNoLongerThanTheBound) {
    const Catalog catalog = alter_catalog();
    (void)upgrade(*connection_, catalog, "a");
    auto reader = start_reader();
    Options options;
    options.statement_lock_timeout = 500ms;
    options.lock_retries = 0;
    std::thread migrating([&] {
        try {
            (void)upgrade(database_.url(), catalog, "head", options);
        } catch (const Error&) {
            // expected: the reader outlives the bound
        }
    });
    // A third session: once the ALTER TABLE queues for its ACCESS EXCLUSIVE lock, a plain read
    // of t queues behind it, until the ALTER gives up.
    auto third = database_.connect();
    const auto deadline = Clock::now() + 10s;
    while (scalar(*third,
                  "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                  " AND query LIKE '%ALTER TABLE t%'") != "1" &&
           Clock::now() < deadline) {
        std::this_thread::sleep_for(2ms);
    }
    postgresql::query(raw(*third), "SET statement_timeout = '10s'");  // without a bound: fail, not hang
    const auto started = Clock::now();
    EXPECT_EQ(scalar(*third, "SELECT count(*) FROM t"), "1");
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    migrating.join();
    std::cout << "a read queued behind the waiting ALTER TABLE for " << waited.count() << " ms (bound 500 ms)\n";
    EXPECT_LT(waited, 500ms + 250ms);
}

TEST_F(PostgresqlLockBounds, SetsTheBoundsForTheMigrationOnlyAndRestoresTheSession) {
    CatalogBuilder builder;
    const auto record = [](const char* id) {
        return std::string("INSERT INTO seen SELECT '") + id +
               "', current_setting('lock_timeout'), current_setting('statement_timeout');";
    };
    builder.add("a")
        .up("CREATE TABLE seen (revision text, lock_timeout text, statement_timeout text);\n" + record("a"))
        .down("DROP TABLE seen;");
    builder.add("b", {"a"}).up(record("b")).down("SELECT 1;").no_transaction();
    builder.add("c", {"b"}).up(record("c")).down("SELECT 1;");
    postgresql::query(pg_, "SET lock_timeout = '7s'");
    Options options;
    options.statement_lock_timeout = 1500ms;
    options.statement_timeout = 30s;
    (void)upgrade(*connection_, builder.build(), "head", options);
    EXPECT_EQ(scalar(*connection_,
                     "SELECT string_agg(revision || ' ' || lock_timeout || ' ' || statement_timeout, ', '"
                     " ORDER BY revision) FROM seen"),
              "a 1500ms 30s, b 1500ms 30s, c 1500ms 30s");
    EXPECT_EQ(scalar(*connection_, "SHOW lock_timeout"), "7s");
    EXPECT_EQ(scalar(*connection_, "SHOW statement_timeout"), "0");
}

TEST_F(PostgresqlLockBounds, BoundsByDefaultAndLeavesStatementTimeoutAlone) {
    CatalogBuilder builder;
    builder.add("a")
        .up("CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS l, current_setting('statement_timeout') AS "
            "s;")
        .down("DROP TABLE seen;");
    postgresql::query(pg_, "SET statement_timeout = '1min'");
    (void)upgrade(*connection_, builder.build());
    EXPECT_EQ(scalar(*connection_, "SELECT l || ' ' || s FROM seen"), "2s 1min");
}

TEST_F(PostgresqlLockBounds, AStatementTimeoutFailsTheStatement) {
    CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t (x int);\nSELECT pg_sleep(2);").down("DROP TABLE t;");
    Options options;
    options.statement_timeout = 200ms;
    const Error error = expect_error([&] { (void)upgrade(*connection_, builder.build(), "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_STREQ(error.what(), "migrations/a.sql:7: a upgrade failed: canceling statement due to statement timeout");
    EXPECT_EQ(scalar(*connection_, "SELECT to_regclass('t') IS NULL"), "t");
}

TEST_F(PostgresqlLockBounds, ReportsTheMigrationLockHolderWhileWaiting) {
    auto other = database_.connect();
    postgresql::query(raw(*other), "SET application_name = 'other-replica'");
    std::optional<postgresql::AdvisoryLock> held;
    held.emplace(raw(*other), postgresql::advisory_lock_key("public", "schema_revisions"), 0ms, "test");
    std::thread releaser([&] {
        std::this_thread::sleep_for(400ms);
        held.reset();
    });
    std::vector<std::string> waits;
    Options options;
    options.migration_lock_timeout = 10s;
    options.on_event = [&](const Event& event) {
        if (event.kind == EventKind::lock_wait) waits.emplace_back(event.message);
    };
    (void)upgrade(*connection_, graph_catalog("a:"), "head", options);
    releaser.join();
    ASSERT_EQ(waits.size(), 1U);  // once when the wait starts, then every 5 s
    const std::string holder = "held by pid " + std::to_string(PQbackendPID(raw(*other))) +
                               " (application_name 'other-replica', client 127.0.0.1, user postgres, query started ";
    EXPECT_EQ(waits[0].rfind(holder, 0), 0U) << waits[0];
}

TEST_F(PostgresqlLockBounds, TheCommandLineSaysWhoHoldsTheMigrationLockItWaitsFor) {
    auto other = database_.connect();
    postgresql::query(raw(*other), "SET application_name = 'other-replica'");
    std::optional<postgresql::AdvisoryLock> held;
    held.emplace(raw(*other), postgresql::advisory_lock_key("public", "schema_revisions"), 0ms, "test");
    std::thread releaser([&] {
        std::this_thread::sleep_for(400ms);
        held.reset();
    });
    const std::string url = database_.url();
    const char* argv[] = {"app", "upgrade", "--database", url.c_str()};
    ::testing::internal::CaptureStderr();
    const int status = run_cli(4, argv, graph_catalog("a:"), "sqlite:///unused.db");
    const std::string printed = ::testing::internal::GetCapturedStderr();
    releaser.join();
    EXPECT_EQ(status, 0);
    const std::regex expected(
        "app: waiting for the migration lock \\([0-9.]+ ms so far\\): held by pid " +
        std::to_string(PQbackendPID(raw(*other))) +
        " \\(application_name 'other-replica', [^\n]*\napp: running upgrade a \\(revision a\\)\n");
    EXPECT_TRUE(std::regex_search(printed, expected)) << printed;
}

}  // namespace
}  // namespace migrations
