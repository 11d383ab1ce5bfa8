// @brief The advisory migration lock between two real sessions: exclusion, release by the
// guard, and a timeout that names the holder.
#include "postgresql/advisory_lock.hpp"

#include "postgresql/libpq_query.hpp"
#include "test_database.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <thread>

namespace migrations::postgresql {
namespace {

using namespace std::chrono_literals;
using testing::raw;
using testing::TestDatabase;

TEST(PostgresqlLockKey, IsStableAndDependsOnSchemaAndTable) {
    EXPECT_EQ(advisory_lock_key("public", "schema_revisions"), advisory_lock_key("public", "schema_revisions"));
    EXPECT_EQ(advisory_lock_key("public", "schema_revisions"), 7326123438022456803LL);
    EXPECT_NE(advisory_lock_key("public", "schema_revisions"), advisory_lock_key("app", "schema_revisions"));
    EXPECT_NE(advisory_lock_key("public", "schema_revisions"), advisory_lock_key("public", "other"));
    EXPECT_NE(advisory_lock_key("a.b", "c"), advisory_lock_key("a", "b.c"));
}

class PostgresqlLock : public ::testing::Test {
protected:
    TestDatabase database_;
    std::unique_ptr<pqxx::connection> first_ = database_.connect();
    std::unique_ptr<pqxx::connection> second_ = database_.connect();
    std::int64_t key_ = advisory_lock_key("public", "schema_revisions");
};

TEST_F(PostgresqlLock, ExcludesASecondSessionUntilReleased) {
    {
        AdvisoryLock held(raw(*first_), key_, 0ms, "\"schema_revisions\"");
        EXPECT_FALSE(try_advisory_lock(raw(*second_), key_));
    }
    EXPECT_TRUE(try_advisory_lock(raw(*second_), key_));
    EXPECT_TRUE(advisory_unlock(raw(*second_), key_));
}

TEST_F(PostgresqlLock, WaitsForAHolderThatLetsGo) {
    auto held = std::make_unique<AdvisoryLock>(raw(*first_), key_, 0ms, "t");
    std::thread releaser([&] {
        std::this_thread::sleep_for(150ms);
        held.reset();
    });
    const auto started = std::chrono::steady_clock::now();
    AdvisoryLock mine(raw(*second_), key_, 5000ms, "t");
    releaser.join();
    EXPECT_GE(std::chrono::steady_clock::now() - started, 100ms);
}

TEST_F(PostgresqlLock, TimesOutNamingTheHolder) {
    query(raw(*first_), "SET application_name = 'replica-one'");
    AdvisoryLock held(raw(*first_), key_, 0ms, "\"public\".\"schema_revisions\"");
    const std::string pid = std::to_string(PQbackendPID(raw(*first_)));
    const auto started = std::chrono::steady_clock::now();
    try {
        AdvisoryLock second(raw(*second_), key_, 300ms, "\"public\".\"schema_revisions\"");
        FAIL() << "took a held lock";
    } catch (const LockTimeout& error) {
        const auto waited = std::chrono::steady_clock::now() - started;
        EXPECT_GE(waited, 300ms);
        EXPECT_LT(waited, 2000ms);
        const std::regex expected(
            "timed out after 300 ms waiting for the migration lock of \"public\"\\.\"schema_revisions\" "
            "\\(advisory lock 7326123438022456803\\), held by pid " +
            pid +
            " \\(application_name 'replica-one', client 127\\.0\\.0\\.1, user postgres, query started "
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[.0-9]*\\+00\\)");
        EXPECT_TRUE(std::regex_match(error.what(), expected)) << error.what();
    }
}

TEST_F(PostgresqlLock, SaysWhenTheHolderIsGone) {
    EXPECT_EQ(describe_holder(raw(*second_), key_), "a session that has since released it");
}

TEST_F(PostgresqlLock, ReleaseIsIdempotentAndNeverThrows) {
    AdvisoryLock held(raw(*first_), key_, 0ms, "t");
    held.release();
    held.release();
    EXPECT_TRUE(try_advisory_lock(raw(*second_), key_));
    EXPECT_FALSE(advisory_unlock(raw(*first_), key_));
}

TEST_F(PostgresqlLock, IsReleasedWhenTheHoldingSessionDies) {
    {
        AdvisoryLock held(raw(*first_), key_, 0ms, "t");
        query(raw(*second_), "SELECT pg_terminate_backend($1::int)", {std::to_string(PQbackendPID(raw(*first_)))});
        AdvisoryLock mine(raw(*second_), key_, 2000ms, "t");
    }  // `held` unlocks on a dead connection: quietly
    SUCCEED();
}

}  // namespace
}  // namespace migrations::postgresql
