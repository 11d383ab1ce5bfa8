// @brief The migration lock on PostgreSQL: a session-level advisory lock whose key is derived
// from the version table's schema and name, taken by polling pg_try_advisory_lock.
//
// Never pg_advisory_lock: a replica blocked in it holds a snapshot, and another replica's
// CREATE INDEX CONCURRENTLY waits for every such snapshot to end, so the two wait for each
// other forever. Polling with a short back-off holds no snapshot between attempts.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace migrations::postgresql {

/// The advisory lock key of the version table `schema`.`table`: the 64-bit FNV-1a hash of
/// "migrations:<schema>\0<table>", the same in every process, build and platform.
std::int64_t advisory_lock_key(std::string_view schema, std::string_view table) noexcept;

/// The lock was not free within the timeout. what() names the holder (see describe_holder).
class LockTimeout : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Who holds the advisory lock `key` in the connection's database, from pg_locks and
/// pg_stat_activity: "pid 4242 (application_name 'app', client 10.0.0.7, user app, query
/// started 2026-11-23 09:15:02+00)", or "a session that has since released it". Never throws
/// for a missing holder; throws DatabaseError when the catalog query fails.
std::string describe_holder(PGconn* connection, std::int64_t key);

/// Told while the lock is awaited: the holder (describe_holder) and the time waited so far.
using LockWaitReport = std::function<void(const std::string& holder, std::chrono::milliseconds waited)>;

/// Holds the advisory lock for a scope (RAII). The destructor unlocks and never throws.
class AdvisoryLock {
public:
    /// How often a long wait is reported again.
    static constexpr std::chrono::milliseconds kReportInterval{5000};

    /// Polls pg_try_advisory_lock(key) with a back-off of 5 ms doubling to 100 ms until it
    /// succeeds or `timeout` passed (one attempt when it is zero). When the first attempt
    /// fails and the timeout allows a wait, `report` (if any) is called with the holder, then
    /// again every kReportInterval of waiting. Throws LockTimeout reading "timed out after
    /// <ms> ms waiting for the migration lock of <what> (advisory lock <key>), held by
    /// <holder>", or DatabaseError.
    AdvisoryLock(PGconn* connection, std::int64_t key, std::chrono::milliseconds timeout, std::string_view what,
                 const LockWaitReport& report = {});
    ~AdvisoryLock();
    AdvisoryLock(const AdvisoryLock&) = delete;
    AdvisoryLock& operator=(const AdvisoryLock&) = delete;

    /// Unlocks now; later calls and the destructor do nothing. Never throws: a connection that
    /// fails here is a dead session, whose locks the server has already released.
    void release() noexcept;

private:
    PGconn* connection_;
    std::int64_t key_;
    bool held_ = false;
};

/// One attempt: true when the lock was free and is now held by `connection`.
bool try_advisory_lock(PGconn* connection, std::int64_t key);
/// Releases a lock `connection` holds. Never throws; returns false when it was not held or
/// the connection failed.
bool advisory_unlock(PGconn* connection, std::int64_t key) noexcept;

}  // namespace migrations::postgresql
