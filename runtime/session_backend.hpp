// @brief What a backend implements for migrations::Session (include/migrations/session.hpp):
// running SQL with parameters on its connection, inside the step of one C++ revision, and
// the shared pieces every backend's session uses (messages, rows, running a step).
#pragma once

#include <cstdint>
#include <memory>
#include <migrations/catalog.hpp>
#include <migrations/error.hpp>
#include <migrations/options.hpp>
#include <migrations/session.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::detail {

/// A statement prepared by a SessionBackend.
class PreparedBackend {
public:
    virtual ~PreparedBackend() = default;
    /// As Statement::execute / Statement::query; `params` has `count` entries.
    virtual std::uint64_t execute(const Param* params, std::size_t count, unsigned line) = 0;
    virtual Rows query(const Param* params, std::size_t count, unsigned line) = 0;
};

/// A backend's connection for the step of one C++ revision. Every failure is thrown with
/// fail(), so that its message reads "<file>:<line>: <revision> <direction> failed: ...".
class SessionBackend {
public:
    SessionBackend(const RevisionSpec& revision, Direction direction) noexcept
        : revision_(revision), direction_(direction) {}
    virtual ~SessionBackend() = default;
    SessionBackend(const SessionBackend&) = delete;
    SessionBackend& operator=(const SessionBackend&) = delete;

    virtual Dialect dialect() const noexcept = 0;
    /// As Session::execute / query / prepare; `params` has `count` entries.
    virtual std::uint64_t execute(std::string_view sql, const Param* params, std::size_t count, unsigned line) = 0;
    virtual Rows query(std::string_view sql, const Param* params, std::size_t count, unsigned line) = 0;
    virtual std::unique_ptr<PreparedBackend> prepare(std::string_view sql, unsigned line) = 0;
    virtual sqlite3* sqlite_handle() const noexcept { return nullptr; }
    virtual pg_conn* postgresql_handle() const noexcept { return nullptr; }

    const RevisionSpec& revision() const noexcept { return revision_; }
    Direction direction() const noexcept { return direction_; }
    /// "<file>:<line>: <revision> upgrade failed: ".
    std::string where(unsigned line) const;
    /// Throws Error(kind) with where(line) + message, naming revision, file and line.
    [[noreturn]] void fail(unsigned line, const std::string& message, int database_code = 0,
                           ErrorKind kind = ErrorKind::statement_failed) const;

private:
    const RevisionSpec& revision_;
    Direction direction_;
};

/// Fills a Rows (whose members are private to it and to this builder), row by row.
class RowsBuilder {
public:
    /// Rows of a query written at `line` of `session`'s revision, for the read errors.
    RowsBuilder(const SessionBackend& session, unsigned line);
    /// The column names; call once, before the values.
    void columns(std::vector<std::string> names);
    /// The next value, in row-major order.
    void null();
    void integer(std::int64_t value, std::string text);
    void real(double value, std::string text);
    void text(std::string value);
    void blob(std::string bytes);
    Rows finish() { return std::move(rows_); }

private:
    Rows rows_;
};

/// Runs `step` on a Session over `backend`. A migrations::Error from the Session propagates
/// as it is; any other exception becomes Error(statement_failed) at the line of the step's
/// macro ("<file>:<line>: <revision> upgrade failed: <what()>").
void run_cpp_step(SessionBackend& backend, const CppStep& step);

}  // namespace migrations::detail
