// @brief Running a section's SQL statement by statement, with the line of each statement.
#include "schema/script.hpp"

#include "schema/sql_text.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

namespace migrations::schema {
namespace {

/// Offset of the first token at or after `at`: past white space and comments.
std::size_t skip_blank(std::string_view sql, std::size_t at) {
    while (at < sql.size()) {
        const char c = sql[at];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++at;
        } else if (sql.substr(at, 2) == "--") {
            const std::size_t end = sql.find('\n', at);
            at = end == std::string_view::npos ? sql.size() : end + 1;
        } else if (sql.substr(at, 2) == "/*") {
            const std::size_t end = sql.find("*/", at + 2);
            at = end == std::string_view::npos ? sql.size() : end + 2;
        } else {
            break;
        }
    }
    return at;
}

struct Finalize {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

bool is_foreign_key_check(sqlite3_stmt* statement) {
    const char* text = sqlite3_sql(statement);
    return text != nullptr && canonical(text).rfind("pragma foreign_key_check", 0) == 0;
}

std::string column_text(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

}  // namespace

std::optional<SqlFailure> run_script(sqlite3* db, std::string_view sql, std::uint32_t first_line) {
    std::size_t at = 0;
    std::size_t counted = 0;  // newlines before `counted` are in `line`
    std::uint32_t line = first_line;
    while (true) {
        at = skip_blank(sql, at);
        if (at >= sql.size()) return std::nullopt;
        line += static_cast<std::uint32_t>(std::count(sql.begin() + static_cast<std::ptrdiff_t>(counted),
                                                      sql.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        counted = at;
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        const int prepared = sqlite3_prepare_v2(db, sql.data() + at, static_cast<int>(sql.size() - at), &raw, &tail);
        std::unique_ptr<sqlite3_stmt, Finalize> statement(raw);
        if (prepared != SQLITE_OK) return SqlFailure{line, sqlite3_errmsg(db)};
        if (statement == nullptr) return std::nullopt;
        at = static_cast<std::size_t>(tail - sql.data());
        const bool check = is_foreign_key_check(statement.get());
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
            if (check)
                return SqlFailure{line, "foreign key violation: row " + column_text(statement.get(), 1) + " of table '" +
                                            column_text(statement.get(), 0) + "' refers to a missing row of '" +
                                            column_text(statement.get(), 2) + "'"};
        }
        if (rc != SQLITE_DONE) return SqlFailure{line, sqlite3_errmsg(db)};
    }
}

std::string format_diagnostic(const std::string& file, std::uint32_t line, const std::string& message) {
    return file + ":" + std::to_string(line) + ": error: " + message;
}

std::optional<std::string> replay_upgrades(sqlite3* db, const std::vector<RevisionScript>& revisions) {
    for (const RevisionScript& revision : revisions) {
        if (auto failure = run_script(db, revision.upgrade.sql, revision.upgrade.first_line))
            return format_diagnostic(revision.file, failure->line,
                                     "upgrade of " + revision.id + " failed: " + failure->message);
    }
    return std::nullopt;
}

}  // namespace migrations::schema
