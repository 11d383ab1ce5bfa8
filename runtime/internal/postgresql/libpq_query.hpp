// @brief Small RAII helpers over libpq for the backend's own queries (version table, lock):
// one parameterised query, its result freed by a destructor, failures thrown with SQLSTATE.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::postgresql {

/// A query of the backend failed. what() is server_message(), or libpq's message on one line
/// when the connection failed.
class DatabaseError : public std::runtime_error {
public:
    DatabaseError(const std::string& message, std::string sqlstate)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
    /// The five-character SQLSTATE, or "" when the failure was not the server's.
    const std::string& sqlstate() const noexcept { return sqlstate_; }

private:
    std::string sqlstate_;
};

/// A query's result; owns the PGresult.
class QueryResult {
public:
    explicit QueryResult(PGresult* result) noexcept : result_(result) {}

    int rows() const noexcept { return PQntuples(result_.get()); }
    bool is_null(int row, int column) const noexcept { return PQgetisnull(result_.get(), row, column) != 0; }
    /// The command tag, e.g. "COMMIT" (or "ROLLBACK" for a COMMIT of a failed transaction).
    std::string_view command_status() const noexcept { return PQcmdStatus(result_.get()); }
    std::string_view value(int row, int column) const noexcept {
        return {PQgetvalue(result_.get(), row, column),
                static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
    }

private:
    struct Clear {
        void operator()(PGresult* result) const noexcept { PQclear(result); }
    };
    std::unique_ptr<PGresult, Clear> result_;
};

/// Runs one statement with text parameters ($1, $2, ...), or without parameters a simple query
/// (one or more statements; the result is the last one's). Throws DatabaseError on failure.
QueryResult query(PGconn* connection, const std::string& sql, const std::vector<std::string>& parameters = {});

/// `text` on one line: each line break, with the white space around it, becomes one space;
/// trailing white space is dropped. libpq's own messages span lines ("server closed the
/// connection unexpectedly\n\tThis probably means...").
std::string one_line(std::string_view text);

/// The server's error or notice in `result`: its primary message, then "\n  DETAIL: ...",
/// "\n  HINT: ..." and "\n  CONTEXT: ..." when present, each on one line (CONTEXT's lines
/// joined with "; "; left out without `context`). Without a primary message (a libpq
/// failure), libpq's text on one line.
std::string server_message(const PGresult* result, bool context = true);

/// The field `code` (PG_DIAG_...) of `result`, or "".
std::string error_field(const PGresult* result, int code);

/// `name` as a quoted identifier: `"name"` with inner quotes doubled.
std::string quote_identifier(std::string_view name);

}  // namespace migrations::postgresql
