// @brief Polling, describing and releasing the PostgreSQL advisory migration lock.
#include "postgresql/advisory_lock.hpp"

#include "postgresql/libpq_query.hpp"

#include <algorithm>
#include <thread>

namespace migrations::postgresql {

std::int64_t advisory_lock_key(std::string_view schema, std::string_view table) noexcept {
    std::uint64_t hash = 14695981039346656037ULL;
    const auto mix = [&](std::string_view text) {
        for (const char c : text) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ULL;
        }
    };
    mix("migrations:");
    mix(schema);
    mix(std::string_view("\0", 1));  // no identifier holds a NUL: ("a.b", "c") != ("a", "b.c")
    mix(table);
    return static_cast<std::int64_t>(hash);
}

bool try_advisory_lock(PGconn* connection, std::int64_t key) {
    const QueryResult result = query(connection, "SELECT pg_try_advisory_lock($1::bigint)", {std::to_string(key)});
    return result.value(0, 0) == "t";
}

bool advisory_unlock(PGconn* connection, std::int64_t key) noexcept {
    try {
        const QueryResult result = query(connection, "SELECT pg_advisory_unlock($1::bigint)", {std::to_string(key)});
        return result.value(0, 0) == "t";
    } catch (...) {
        return false;
    }
}

std::string describe_holder(PGconn* connection, std::int64_t key) {
    // A bigint advisory key is stored as classid = high 32 bits, objid = low 32 bits, objsubid 1.
    const auto bits = static_cast<std::uint64_t>(key);
    const QueryResult result =
        query(connection,
              "SELECT l.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), ''),"
              " coalesce(a.usename::text, ''), coalesce(a.query_start::text, '')"
              " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
              " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
              " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
              " AND l.classid = $1::oid AND l.objid = $2::oid",
              {std::to_string(bits >> 32U), std::to_string(bits & 0xFFFFFFFFULL)});
    if (result.rows() == 0) return "a session that has since released it";
    std::string holder = "pid " + std::string(result.value(0, 0)) + " (application_name '" +
                         std::string(result.value(0, 1)) + "', client ";
    // No client address: a Unix-socket connection (or one this role may not see).
    holder += result.value(0, 2).empty() ? std::string("local socket") : std::string(result.value(0, 2));
    if (!result.value(0, 3).empty()) holder += ", user " + std::string(result.value(0, 3));
    if (!result.value(0, 4).empty()) holder += ", query started " + std::string(result.value(0, 4));
    return holder + ")";
}

AdvisoryLock::AdvisoryLock(PGconn* connection, std::int64_t key, std::chrono::milliseconds timeout,
                           std::string_view what, const LockWaitReport& report)
    : connection_(connection), key_(key) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point started = Clock::now();
    const Clock::time_point deadline = started + timeout;
    Clock::time_point next_report = started;
    std::chrono::milliseconds pause{5};
    while (!try_advisory_lock(connection_, key_)) {
        const Clock::time_point now = Clock::now();
        if (report && now < deadline && now >= next_report) {
            report(describe_holder(connection_, key_),
                   std::chrono::duration_cast<std::chrono::milliseconds>(now - started));
            next_report = now + kReportInterval;
        }
        if (now >= deadline) {
            throw LockTimeout("timed out after " + std::to_string(timeout.count()) +
                              " ms waiting for the migration lock of " + std::string(what) + " (advisory lock " +
                              std::to_string(key_) + "), held by " + describe_holder(connection_, key_));
        }
        std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
        pause = std::min(pause * 2, std::chrono::milliseconds{100});
    }
    held_ = true;
}

AdvisoryLock::~AdvisoryLock() { release(); }

void AdvisoryLock::release() noexcept {
    if (!held_) return;
    held_ = false;
    advisory_unlock(connection_, key_);
}

}  // namespace migrations::postgresql
