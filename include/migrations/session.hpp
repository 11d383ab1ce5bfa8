// @brief The connection a C++ revision runs on (docs/format.md, "C++ revisions"):
// migrations::Session, inside the revision's transaction, with the same calls on SQLite and
// PostgreSQL, and the rows its queries return.
//
// Every call takes its SQL, its parameters as a braced list, and, left to its default, the
// line it is written on (a compiler built-in, so the header stays C++17): a failure reads
// "<revision file>:<that line>: <revision> upgrade failed: <database message>", and the
// migration rolls back.
//
//   MIGRATIONS_UPGRADE(session) {
//       auto update = session.prepare("UPDATE todos SET title = $1 WHERE id = $2");
//       for (const migrations::Row& row : session.query("SELECT id, title FROM todos"))
//           update.execute({normalise(row.text(1)), row.integer(0)});
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <migrations/catalog.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct sqlite3;
struct pg_conn;  // libpq's PGconn

/// The line of the call a default argument belongs to (GCC, Clang, MSVC 19.26+); 0 elsewhere.
#if defined(__GNUC__) || defined(__clang__) || (defined(_MSC_VER) && _MSC_VER >= 1926)
#define MIGRATIONS_CALL_LINE __builtin_LINE()
#else
#define MIGRATIONS_CALL_LINE 0U
#endif

namespace migrations {

namespace detail {
class SessionBackend;
class PreparedBackend;
class RowsBuilder;
}  // namespace detail

/// Bytes for a BLOB (SQLite) or bytea (PostgreSQL) parameter; the bytes are not copied.
struct BlobView {
    const void* data = nullptr;
    std::size_t size = 0;
};

/// The types a parameter and a column value can have.
enum class ValueType : std::uint8_t { null, integer, real, text, blob };

/// One bound parameter: `$1` is the first of the list, `$2` the second, ... (SQLite also
/// takes `?`). Built implicitly from nullptr (NULL), any integer, float or double, a string
/// (text) or a BlobView / byte vector (blob). It refers to the caller's text and bytes, so it
/// lives for the call only. bool is refused: SQLite has no boolean type; write 0 or 1.
class Param {
public:
    Param(std::nullptr_t) noexcept : type_(ValueType::null) {}
    template <typename Integer,
              std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
    Param(Integer value) noexcept : type_(ValueType::integer), integer_(static_cast<std::int64_t>(value)) {}
    Param(bool) = delete;
    Param(double value) noexcept : type_(ValueType::real), real_(value) {}
    Param(const char* text) noexcept : type_(ValueType::text), bytes_(text) {}
    Param(std::string_view text) noexcept : type_(ValueType::text), bytes_(text) {}
    Param(const std::string& text) noexcept : type_(ValueType::text), bytes_(text) {}
    Param(BlobView blob) noexcept : type_(ValueType::blob), bytes_(static_cast<const char*>(blob.data), blob.size) {}
    Param(const std::vector<unsigned char>& blob) noexcept
        : type_(ValueType::blob), bytes_(reinterpret_cast<const char*>(blob.data()), blob.size()) {}

    ValueType type() const noexcept { return type_; }
    /// The value of an integer parameter.
    std::int64_t integer() const noexcept { return integer_; }
    /// The value of a real parameter.
    double real() const noexcept { return real_; }
    /// The bytes of a text or blob parameter.
    std::string_view bytes() const noexcept { return bytes_; }

private:
    ValueType type_;
    std::int64_t integer_ = 0;
    double real_ = 0;
    std::string_view bytes_;
};

class Rows;

/// One row of a query's result, valid while its Rows lives. Typed reads throw
/// Error(statement_failed), naming the query's file and line, for a column out of range, a
/// NULL (test is_null() first) or a value of another type.
class Row {
public:
    /// Number of columns.
    std::size_t size() const noexcept;
    /// True when column `column` is NULL.
    bool is_null(std::size_t column) const;
    /// The type the database returned: SQLite's storage class; on PostgreSQL integer for
    /// int2/int4/int8, real for float4/float8, blob for bytea, text for anything else.
    ValueType type(std::size_t column) const;
    /// An integer column, or a text column holding a whole decimal number (e.g. `numeric`).
    std::int64_t integer(std::size_t column) const;
    /// A real or integer column, or a text column holding a decimal number.
    double real(std::size_t column) const;
    /// A text column, or the database's text form of a number (PostgreSQL's for any type).
    /// Throws for a blob: read it with blob().
    std::string text(std::size_t column) const;
    /// A blob (bytea) column's bytes; a text column's bytes as well.
    std::vector<unsigned char> blob(std::size_t column) const;

private:
    friend class Rows;
    Row(const Rows* rows, std::size_t index) noexcept : rows_(rows), index_(index) {}
    const Rows* rows_;
    std::size_t index_;
};

/// Every row a query returned, read before the call returns (so that the loop over them may
/// write to the same tables). Iterate with range-for; rows are returned by value.
class Rows {
public:
    /// Number of rows.
    std::size_t size() const noexcept { return columns_ == 0 ? 0 : cells_.size() / columns_; }
    bool empty() const noexcept { return size() == 0; }
    /// Number of columns (0 when no rows came back and the statement returns none).
    std::size_t columns() const noexcept { return columns_; }
    /// The name of column `column` (< columns()).
    const std::string& column_name(std::size_t column) const { return names_.at(column); }
    /// Row `index` (< size()).
    Row operator[](std::size_t index) const noexcept { return Row(this, index); }

    struct iterator {
        const Rows* rows;
        std::size_t index;
        Row operator*() const noexcept { return (*rows)[index]; }
        iterator& operator++() noexcept {
            ++index;
            return *this;
        }
        bool operator==(const iterator& other) const noexcept { return index == other.index; }
        bool operator!=(const iterator& other) const noexcept { return index != other.index; }
    };
    iterator begin() const noexcept { return {this, 0}; }
    iterator end() const noexcept { return {this, size()}; }

private:
    friend class Row;
    friend class detail::RowsBuilder;
    struct Cell {
        ValueType type = ValueType::null;
        std::int64_t integer = 0;
        double real = 0;
        std::string bytes;  // text, blob, and a number's text form
    };
    const Cell& cell(std::size_t row, std::size_t column) const;
    [[noreturn]] void fail(const std::string& problem) const;

    std::vector<Cell> cells_;
    std::vector<std::string> names_;
    std::size_t columns_ = 0;
    /// "<file>:<line>: <revision> upgrade failed: " of the query, for read errors.
    std::string where_;
    std::string revision_;
    std::string file_;
    unsigned line_ = 0;
};

/// A statement prepared once and run many times with different parameters (SQLite
/// sqlite3_prepare, PostgreSQL PQprepare). Valid within the step that prepared it. Movable.
class PreparedStatement {
public:
    PreparedStatement(PreparedStatement&&) noexcept;
    PreparedStatement& operator=(PreparedStatement&&) noexcept;
    ~PreparedStatement();

    /// Runs it with `params`; returns the number of rows it inserted, updated or deleted.
    /// Throws Error(statement_failed) naming this call's line.
    std::uint64_t execute(std::initializer_list<Param> params = {}, unsigned line = MIGRATIONS_CALL_LINE);
    /// Runs it with `params` and returns its rows. Throws as execute().
    Rows query(std::initializer_list<Param> params = {}, unsigned line = MIGRATIONS_CALL_LINE);

private:
    friend class Session;
    explicit PreparedStatement(std::unique_ptr<detail::PreparedBackend> backend) noexcept;
    std::unique_ptr<detail::PreparedBackend> backend_;
};

/// The database connection a C++ revision step runs on, inside the revision's transaction
/// (none for a `transactional: false` revision). Made by the runtime for one step; not
/// copyable. Any call failing throws Error(statement_failed) reading
/// "<file>:<line>: <revision> <upgrade|downgrade> failed: <database message>"; let it
/// propagate: the migration rolls back (a caught failure leaves a PostgreSQL transaction
/// aborted: its next statement fails).
class Session {
public:
    explicit Session(detail::SessionBackend& backend) noexcept : backend_(backend) {}
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// The database the step runs on.
    Dialect dialect() const noexcept;
    /// The id and file (relative to the source dir) of the revision running.
    const char* revision() const noexcept;
    const char* file() const noexcept;
    /// True while the upgrade runs, false for the downgrade.
    bool upgrading() const noexcept;

    /// Runs `sql`: without parameters, one or more statements (as a `.sql` section), with
    /// parameters exactly one. Returns the rows the (last) statement inserted, updated or
    /// deleted. Transaction control (BEGIN, COMMIT, ROLLBACK) in a transactional revision is
    /// an error, as in a `.sql` revision.
    std::uint64_t execute(std::string_view sql, std::initializer_list<Param> params = {},
                          unsigned line = MIGRATIONS_CALL_LINE);
    /// Runs one statement with `params` and returns its rows.
    Rows query(std::string_view sql, std::initializer_list<Param> params = {}, unsigned line = MIGRATIONS_CALL_LINE);
    /// Prepares one statement to run many times.
    PreparedStatement prepare(std::string_view sql, unsigned line = MIGRATIONS_CALL_LINE);

    /// The SQLite connection (the transaction open on it), or null on PostgreSQL. What you
    /// run through it is yours: errors are SQLite's, not reported at a line.
    sqlite3* sqlite_handle() const noexcept;
    /// The libpq connection (PGconn*), or null on SQLite; as sqlite_handle().
    pg_conn* postgresql_handle() const noexcept;

private:
    detail::SessionBackend& backend_;
};

}  // namespace migrations
