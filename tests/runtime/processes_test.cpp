// @brief Whole processes against one database file: many starting at once, and SIGKILL mid-upgrade.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <migrations/migrations.hpp>
#include <thread>

#include "support/soak.hpp"
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

namespace migrations {
namespace {

using testing::Db;
using testing::kConcurrentStarts;
using testing::soak_trials;
using testing::TempDir;

pid_t spawn(const std::string& db_path, const char* scenario) {
    const pid_t pid = fork();
    if (pid == 0) {
        execl(MIGRATIONS_UPGRADE_HELPER, MIGRATIONS_UPGRADE_HELPER, db_path.c_str(), scenario,
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

// Starts kConcurrentStarts helpers of `scenario` on one fresh file, soak_trials() times, and
// checks the side effects, not only the version rows: each revision that logs ran once.
void start_many_and_check(const char* scenario, const Catalog& catalog, const char* logged) {
    for (int trial = 0; trial < soak_trials(); ++trial) {
        TempDir dir;
        const std::string path = dir.file("shared.db");
        std::vector<pid_t> pids;
        for (int i = 0; i < kConcurrentStarts; ++i) pids.push_back(spawn(path, scenario));
        for (pid_t pid : pids) EXPECT_EQ(wait_exit_code(pid), 0) << "trial " << trial;
        Db db(path);
        EXPECT_EQ(db.value("SELECT count(*) FROM log"), logged);
        EXPECT_EQ(db.value("SELECT count(DISTINCT revision) FROM log"), logged);
        EXPECT_EQ(db.value("SELECT count(*) FROM schema_revisions WHERE state = 'applied'"), "30");
        EXPECT_TRUE(check(db, catalog).ok);
    }
}

TEST(Processes, ManyStartingAtOnceAllSucceedAndApplyEachRevisionOnce) {
    start_many_and_check("logging", testing::logging_catalog(30), "30");
}

TEST(Processes, ManyStartingAtOnceWithCppRevisionsApplyEachRevisionOnce) {
    start_many_and_check("cpp", testing::cpp_logging_catalog(30), "30");
}

TEST(Processes, ManyStartingAtOnceWaitForANonTransactionalRevisionInAnother) {
    start_many_and_check("vacuum", testing::logging_catalog(30, 15), "29");
}

TEST(Processes, ManyStartingAtOnceWithATransactionPerRevisionApplyEachRevisionOnce) {
    // Each COMMIT releases SQLite's lock, so processes interleave revision by revision: each
    // must read the state again before its next revision.
    start_many_and_check("per_revision", testing::logging_catalog(30, 15), "29");
}

TEST(Processes, KilledMidUpgradeLeavesTheOldRevisionAndTheNextRunCompletes) {
    TempDir dir;
    const std::string path = dir.file("killed.db");
    const Catalog catalog = testing::slow_catalog();
    {
        Db db(path);
        (void)upgrade(db, catalog, "fast1");
        db.exec("UPDATE knob SET n = 200000000");  // minutes of work for slow2
    }
    const pid_t pid = spawn(path, "slow");
    // Wait until the upgrade is writing (its rollback journal exists), then kill it.
    struct stat info {};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (stat((path + "-journal").c_str(), &info) != 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    EXPECT_EQ(wait_exit_code(pid), 128 + SIGKILL);

    Db db(path);
    EXPECT_EQ(current(db, catalog), std::vector<std::string>{"fast1"});
    EXPECT_EQ(db.value("SELECT count(*) FROM sqlite_master WHERE name = 'big'"), "0");
    db.exec("UPDATE knob SET n = 1000");
    const pid_t next = spawn(path, "slow");
    EXPECT_EQ(wait_exit_code(next), 0);
    EXPECT_EQ(current(db, catalog), std::vector<std::string>{"slow2"});
    EXPECT_EQ(db.value("SELECT count(*) FROM big"), "1000");
}

// A6: another process's long non-transactional revision holds the write lock outside any
// migration lock of ours; waiting for it beyond the bound is a lock timeout, not "database is
// locked".
TEST(Processes, ALongNonTransactionalRevisionInAnotherIsALockTimeout) {
    TempDir dir;
    const std::string path = dir.file("exclusive.db");
    const Catalog catalog = testing::exclusive_catalog();
    {
        Db db(path);
        (void)upgrade(db, catalog, "fast1");
        db.exec("UPDATE knob SET n = 1000000000");  // minutes inside BEGIN EXCLUSIVE
    }
    const pid_t pid = spawn(path, "exclusive");
    // Wait until the other process holds the lock for good (not only a COMMIT's instant).
    Db probe(path);
    sqlite3_busy_timeout(probe, 0);
    int busy = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (busy < 5 && std::chrono::steady_clock::now() < deadline) {
        const int rc = sqlite3_exec(probe, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        busy = rc == SQLITE_BUSY ? busy + 1 : 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(busy, 5);
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(200);
    try {
        (void)upgrade("sqlite:///" + path, catalog, "head", options);
        ADD_FAILURE() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
        EXPECT_EQ(std::string(error.what()), "could not take the migration lock on sqlite:///" + path +
                                                 " within 200 ms: another connection holds the write lock");
    }
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    EXPECT_EQ(wait_exit_code(pid), 128 + SIGKILL);
}

}  // namespace
}  // namespace migrations
