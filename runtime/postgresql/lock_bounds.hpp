// @brief How long migration SQL may wait for table locks on PostgreSQL, and who it waited for.
//
// A transaction's bounds are `SET LOCAL`s sent with its BEGIN (bounds_sql); a
// `transactional: false` revision has no transaction to scope them, so SessionBounds sets them
// on the session for its duration and puts the previous values back. BlockerMonitor names the
// sessions a waiting statement is blocked by: pg_blocking_pids() answers only while the wait
// lasts, and the waiting connection is busy, so it asks on a second connection.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <string>

namespace migrations::postgresql {

/// "SET <scope> lock_timeout = '2000ms'", then "; SET <scope> statement_timeout = '...'" when
/// `statement_timeout` is not zero. `scope` is "LOCAL" or "SESSION".
std::string bounds_sql(const char* scope, std::chrono::milliseconds lock_timeout,
                       std::chrono::milliseconds statement_timeout);

/// Sets lock_timeout (and statement_timeout when not zero) on the session of `connection` for
/// a scope, reading the previous values in the same query; the destructor puts them back and
/// never throws (a broken connection has no session left to restore).
class SessionBounds {
public:
    /// Throws DatabaseError.
    SessionBounds(PGconn* connection, std::chrono::milliseconds lock_timeout,
                  std::chrono::milliseconds statement_timeout);
    ~SessionBounds();
    SessionBounds(const SessionBounds&) = delete;
    SessionBounds& operator=(const SessionBounds&) = delete;

private:
    PGconn* connection_;
    std::string lock_timeout_;
    std::string statement_timeout_;
};

/// Names the sessions that block the running statement of `watched`, through a second
/// connection opened on first use with `watched`'s parameters (PQconninfo) and closed by the
/// destructor.
class BlockerMonitor {
public:
    explicit BlockerMonitor(PGconn* watched) noexcept : watched_(watched) {}
    ~BlockerMonitor();
    BlockerMonitor(const BlockerMonitor&) = delete;
    BlockerMonitor& operator=(const BlockerMonitor&) = delete;

    /// Asks pg_blocking_pids() for the watched backend, joined with pg_stat_activity, and keeps
    /// a non-empty answer. Never throws: when the second connection cannot be opened (it is
    /// not tried again) or fails, the previous answer stays.
    void record() noexcept;
    /// Forgets the answer (a new statement starts).
    void clear() noexcept { blockers_.clear(); }
    /// One line per blocker, each "\n  blocked by pid 4242 (application_name 'app', state
    /// 'idle in transaction', query '<its first 60 characters>')", or "" when none was seen.
    const std::string& blockers() const noexcept { return blockers_; }

private:
    PGconn* watched_;
    PGconn* monitor_ = nullptr;
    bool unavailable_ = false;
    std::string blockers_;
};

}  // namespace migrations::postgresql
