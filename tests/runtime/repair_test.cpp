// @brief repair() waits for the migration lock like every writing operation (SQLite's write lock
// here; the behaviour shared with PostgreSQL is in tests/backends/behaviour_test.cpp).
#include "support/expect_error.hpp"
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>

#include <gtest/gtest.h>

#include <chrono>

namespace migrations {
namespace {

using testing::Db;
using testing::expect_error;
using testing::graph_catalog;
using testing::TempDir;

TEST(SqliteRepair, WaitsForTheMigrationLockAndGivesUpWithoutChangingAnything) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db, catalog);
    db.exec("UPDATE schema_revisions SET checksum = 'edited' WHERE revision = 'a'");
    Db other(dir.file("app.db"));
    other.exec("BEGIN IMMEDIATE");  // another process migrating
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(150);
    const auto started = std::chrono::steady_clock::now();
    const Error error = expect_error([&] { (void)repair(db, catalog, options); });
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(140));
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_STREQ(error.what(),
                 "could not take the migration lock on sqlite connection within 150 ms: another "
                 "connection holds the write lock");
    EXPECT_EQ(db.rows("SELECT checksum FROM schema_revisions WHERE revision = 'a'"),
              std::vector<std::string>{"edited"});
    other.exec("ROLLBACK");
    EXPECT_EQ(repair(db, catalog, options).repaired.size(), 1U);
    EXPECT_TRUE(check(db, catalog).ok);
}

}  // namespace
}  // namespace migrations
