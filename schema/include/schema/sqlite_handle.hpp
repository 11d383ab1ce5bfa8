// @brief RAII owners of a sqlite3 connection and a prepared statement, and the one helper
// that runs SQL text and throws SchemaError on failure.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace migrations::schema {

/// Every failure of the schema component that is not a diagnostic about the user's SQL.
class SchemaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An open connection, closed by the destructor (never throws).
class Database {
public:
    /// Opens `path` (":memory:" for a private in-memory database).
    /// Throws SchemaError when SQLite cannot open it.
    explicit Database(const std::string& path = ":memory:");
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* get() const noexcept { return db_; }

private:
    sqlite3* db_ = nullptr;
};

/// A prepared statement, finalized by the destructor.
class Statement {
public:
    /// Prepares the first statement of `sql`. Throws SchemaError with SQLite's message.
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Binds text to the 1-based parameter `index`.
    void bind(int index, std::string_view text);
    /// Steps once: true when a row is available, false when done. Throws SchemaError.
    bool step();

    /// Column accessors for the current row; text() returns "" for NULL.
    std::string text(int column) const;
    bool is_null(int column) const;
    long long integer(int column) const;

    sqlite3_stmt* get() const noexcept { return stmt_; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

/// Runs every statement of `sql` (sqlite3_exec). Throws SchemaError with SQLite's message.
void execute(sqlite3* db, const std::string& sql);

}  // namespace migrations::schema
