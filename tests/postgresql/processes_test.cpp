// @brief Whole processes against one PostgreSQL database: 32 replicas starting at once (also
// with CREATE INDEX CONCURRENTLY revisions: no deadlock), and SIGKILL mid-upgrade.
#include "postgresql/libpq_query.hpp"
#include "process_catalogs.hpp"
#include "support/soak.hpp"
#include "test_database.hpp"

#include <migrations/postgresql.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <thread>

namespace migrations {
namespace {

using namespace std::chrono_literals;
using testing::process_catalog;
using testing::raw;
using testing::scalar;
using testing::TestDatabase;

pid_t spawn(const std::string& url, const char* scenario) {
    const pid_t pid = fork();
    if (pid == 0) {
        execl(MIGRATIONS_POSTGRESQL_UPGRADE_HELPER, MIGRATIONS_POSTGRESQL_UPGRADE_HELPER, url.c_str(), scenario,
              static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

int wait_exit_code(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void start_many_and_check(const char* scenario, int revisions) {
    for (int trial = 0; trial < testing::soak_trials(); ++trial) {
        TestDatabase database;
        std::vector<pid_t> pids;
        for (int i = 0; i < testing::kConcurrentStarts; ++i) pids.push_back(spawn(database.url(), scenario));
        for (pid_t pid : pids) EXPECT_EQ(wait_exit_code(pid), 0) << "trial " << trial;
        auto connection = database.connect();
        // Side effects, not only version rows: each revision inserted its id into log once.
        EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM log"), "30");
        EXPECT_EQ(scalar(*connection, "SELECT count(DISTINCT revision) FROM log"), "30");
        EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM schema_revisions WHERE state = 'applied'"),
                  std::to_string(revisions));
        EXPECT_TRUE(check(*connection, process_catalog(scenario)).ok);
    }
}

TEST(PostgresqlProcesses, ManyStartingAtOnceAllSucceedAndApplyEachRevisionOnce) { start_many_and_check("logging", 30); }

TEST(PostgresqlProcesses, ManyStartingAtOnceWithCppRevisionsApplyEachRevisionOnce) { start_many_and_check("cpp", 30); }

TEST(PostgresqlProcesses, ManyStartingAtOnceWithConcurrentIndexesDoNotDeadlock) { start_many_and_check("index", 31); }

TEST(PostgresqlProcesses, KilledMidUpgradeLeavesTheOldRevisionAndReleasesTheLock) {
    TestDatabase database;
    const Catalog catalog = process_catalog("slow");
    auto connection = database.connect();
    (void)upgrade(*connection, catalog, "fast1");
    postgresql::query(raw(*connection), "UPDATE knob SET n = 200000000");  // minutes of work for slow2

    const pid_t pid = spawn(database.url(), "slow");
    // Wait until slow2's statement runs, then kill the process.
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (scalar(*connection,
                  "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                  " AND query LIKE '%WITH RECURSIVE%' AND pid <> pg_backend_pid()") == "0" &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(200ms);
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    EXPECT_EQ(wait_exit_code(pid), 128 + SIGKILL);

    // The server notices the dead client within client_connection_check_interval, rolls back
    // and drops the session's advisory lock: the next start takes it and completes.
    postgresql::query(raw(*connection), "UPDATE knob SET n = 1000");
    const auto restarted = std::chrono::steady_clock::now();
    const pid_t next = spawn(database.url(), "slow");
    EXPECT_EQ(wait_exit_code(next), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - restarted, 15s);
    EXPECT_EQ(current(*connection, catalog), std::vector<std::string>{"slow2"});
    EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM big"), "1000");
}

TEST(PostgresqlProcesses, KilledMidUpgradeRollsBackToTheOldRevision) {
    TestDatabase database;
    const Catalog catalog = process_catalog("slow");
    auto connection = database.connect();
    (void)upgrade(*connection, catalog, "fast1");
    postgresql::query(raw(*connection), "UPDATE knob SET n = 200000000");
    const pid_t pid = spawn(database.url(), "slow");
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (scalar(*connection,
                  "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                  " AND query LIKE '%WITH RECURSIVE%' AND pid <> pg_backend_pid()") == "0" &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(200ms);
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    EXPECT_EQ(wait_exit_code(pid), 128 + SIGKILL);
    // Wait for the server to end the orphaned session (client_connection_check_interval).
    const auto gone = std::chrono::steady_clock::now() + 10s;
    while (scalar(*connection,
                  "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%WITH RECURSIVE%'"
                  " AND pid <> pg_backend_pid()") != "0" &&
           std::chrono::steady_clock::now() < gone) {
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(current(*connection, catalog), std::vector<std::string>{"fast1"});
    EXPECT_EQ(scalar(*connection, "SELECT to_regclass('big') IS NULL"), "t");
    EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), "0");
}

}  // namespace
}  // namespace migrations
