// @brief Validation of Options, identifiers, UTC timestamps and result formatting.
#include "backend.hpp"

#include <migrations/error.hpp>
#include <migrations/options.hpp>
#include <migrations/results.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace migrations {

void validate(const Options& options) {
    if (!detail::is_identifier(options.version_table)) {
        throw Error(ErrorKind::bad_option,
                    "invalid version table name '" + options.version_table +
                        "': expected an identifier [A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
    }
    if (!options.version_table_schema.empty() && !detail::is_identifier(options.version_table_schema)) {
        throw Error(ErrorKind::bad_option,
                    "invalid version table schema '" + options.version_table_schema +
                        "': expected an identifier [A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
    }
    const auto non_negative = [](std::chrono::milliseconds value, const char* name) {
        if (value.count() < 0) {
            throw Error(ErrorKind::bad_option,
                        std::string("invalid ") + name + ": " + std::to_string(value.count()) + " ms (expected >= 0)");
        }
    };
    non_negative(options.migration_lock_timeout, "migration_lock_timeout");
    non_negative(options.statement_lock_timeout, "statement_lock_timeout");
    non_negative(options.lock_retry_delay, "lock_retry_delay");
    non_negative(options.statement_timeout, "statement_timeout");
    for (const std::string& pattern : options.drift_exclude) {
        if (pattern.empty())
            throw Error(ErrorKind::bad_option,
                        "invalid drift_exclude pattern '': expected a name pattern such as 'audit_*'");
        if (pattern.find('.') != std::string::npos) {
            throw Error(ErrorKind::bad_option, "invalid drift_exclude pattern '" + pattern +
                                                   "': patterns are not schema-qualified (the drift check reads one "
                                                   "schema); write '" +
                                                   pattern.substr(pattern.rfind('.') + 1) + "'");
        }
    }
}

const char* event_kind_name(EventKind kind) noexcept {
    switch (kind) {
        case EventKind::run_started:
            return "run_started";
        case EventKind::revision_starting:
            return "revision_starting";
        case EventKind::revision_finished:
            return "revision_finished";
        case EventKind::committed:
            return "committed";
        case EventKind::lock_wait:
            return "lock_wait";
        case EventKind::lock_retry:
            return "lock_retry";
        case EventKind::server_notice:
            return "server_notice";
    }
    return "unknown";
}

std::string MigrationResult::to_string() const {
    if (to.empty()) return "base";
    std::string text;
    for (const auto& id : to) text += (text.empty() ? "" : ", ") + id;
    return text;
}

namespace detail {

bool is_identifier(std::string_view name) noexcept {
    if (name.empty() || name.size() > 63) return false;
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!alpha(name.front())) return false;
    for (char c : name) {
        if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
    }
    return true;
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    return buffer;
}

}  // namespace detail
}  // namespace migrations
