// @brief Lock and statement timeouts for migration SQL, and naming the sessions it waited for.
#include "postgresql/lock_bounds.hpp"

#include "postgresql/libpq_query.hpp"
#include "postgresql/section_runner.hpp"

#include <vector>

namespace migrations::postgresql {

namespace {

// "1500ms": a duration as a setting's value.
std::string milliseconds(std::chrono::milliseconds value) { return std::to_string(value.count()) + "ms"; }

// `text` cut to `limit` characters (UTF-8 sequences kept whole), "..." when cut.
std::string shortened(const std::string& text, std::size_t limit) {
    const std::size_t cut = byte_offset_of_character(text, limit + 1);
    return cut >= text.size() ? text : text.substr(0, cut) + "...";
}

void ignore_notice(void*, const char*) {}

// A second connection to the server and database of `connection`, or null.
PGconn* connect_like(PGconn* connection) {
    PQconninfoOption* options = PQconninfo(connection);
    if (options == nullptr) return nullptr;
    std::vector<const char*> keywords;
    std::vector<const char*> values;
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (option->val == nullptr || *option->val == '\0') continue;
        keywords.push_back(option->keyword);
        values.push_back(option->val);
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    PGconn* monitor = PQconnectdbParams(keywords.data(), values.data(), 0);
    PQconninfoFree(options);
    if (monitor != nullptr && PQstatus(monitor) != CONNECTION_OK) {
        PQfinish(monitor);
        return nullptr;
    }
    if (monitor != nullptr) PQsetNoticeProcessor(monitor, &ignore_notice, nullptr);
    return monitor;
}

}  // namespace

std::string bounds_sql(const char* scope, std::chrono::milliseconds lock_timeout,
                       std::chrono::milliseconds statement_timeout) {
    std::string sql = std::string("SET ") + scope + " lock_timeout = '" + milliseconds(lock_timeout) + "'";
    if (statement_timeout.count() > 0) {
        sql += std::string("; SET ") + scope + " statement_timeout = '" + milliseconds(statement_timeout) + "'";
    }
    return sql;
}

SessionBounds::SessionBounds(PGconn* connection, std::chrono::milliseconds lock_timeout,
                             std::chrono::milliseconds statement_timeout)
    : connection_(connection) {
    std::string sql =
        "SELECT current_setting('lock_timeout'), current_setting('statement_timeout'),"
        " set_config('lock_timeout', $1, false)";
    std::vector<std::string> parameters{milliseconds(lock_timeout)};
    if (statement_timeout.count() > 0) {
        sql += ", set_config('statement_timeout', $2, false)";
        parameters.push_back(milliseconds(statement_timeout));
    }
    const QueryResult previous = query(connection_, sql, parameters);
    lock_timeout_ = previous.value(0, 0);
    statement_timeout_ = previous.value(0, 1);
}

SessionBounds::~SessionBounds() {
    try {
        (void)query(connection_,
                    "SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)",
                    {lock_timeout_, statement_timeout_});
    } catch (...) {
        // The connection broke: its session, and the settings, are gone.
    }
}

BlockerMonitor::~BlockerMonitor() {
    if (monitor_ != nullptr) PQfinish(monitor_);
}

void BlockerMonitor::record() noexcept {
    try {
        if (monitor_ == nullptr) {
            if (unavailable_) return;
            monitor_ = connect_like(watched_);
            unavailable_ = monitor_ == nullptr;
            if (monitor_ == nullptr) return;
        }
        const QueryResult result =
            query(monitor_,
                  "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), coalesce(a.query, '')"
                  " FROM unnest(pg_blocking_pids($1::integer)) AS b(pid) JOIN pg_stat_activity a ON a.pid = b.pid"
                  " ORDER BY a.pid",
                  {std::to_string(PQbackendPID(watched_))});
        if (result.rows() == 0) return;
        std::string blockers;
        for (int row = 0; row < result.rows(); ++row) {
            blockers += "\n  blocked by pid " + std::string(result.value(row, 0)) + " (application_name '" +
                        std::string(result.value(row, 1)) + "', state '" + std::string(result.value(row, 2)) +
                        "', query '" + shortened(one_line(result.value(row, 3)), 60) + "')";
        }
        blockers_ = std::move(blockers);
    } catch (...) {
        // The monitor broke: the previous answer (if any) stays.
    }
}

}  // namespace migrations::postgresql
