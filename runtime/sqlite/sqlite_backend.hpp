// @brief The SQLite backend: the version table, BEGIN IMMEDIATE as the migration lock, and
// statements split by sqlite3_prepare_v2's tail.
#pragma once

#include "backend.hpp"

#include <migrations/url.hpp>

#include <chrono>
#include <memory>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace migrations::detail {

class SqliteBackend final : public Backend {
public:
    /// Uses `db` without owning it. Sets its busy timeout to options.migration_lock_timeout (SQLite
    /// cannot report the previous handler, so it is not restored). Throws Error(bad_option)
    /// for an invalid version table name, Error(database) when `db` is null or inside a
    /// transaction.
    SqliteBackend(sqlite3* db, const Options& options);

    /// Opens (creating if needed) the database of an sqlite:// URL and owns the connection.
    /// Throws Error(database) naming the redacted URL when it cannot be opened.
    static std::unique_ptr<Backend> open(const DatabaseUrl& url, const Options& options);

    ~SqliteBackend() override;
    SqliteBackend(const SqliteBackend&) = delete;
    SqliteBackend& operator=(const SqliteBackend&) = delete;

    Dialect dialect() const noexcept override { return Dialect::sqlite; }
    std::string location() const override { return location_; }
    bool read_state(const std::function<void(const RowView&)>& visit, bool details) override;
    void lock() override;
    void unlock() noexcept override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    void ensure_table() override;
    void execute(const RevisionSpec& revision, const Section& section, Direction direction) override;
    void write_row(const AppliedRevision& row) override;
    void write_rows(const std::vector<AppliedRevision>& rows) override;
    void delete_row(std::string_view revision) override;
    /// How the database's schema differs from the schema the revisions at `applied` (catalog
    /// indices, in application order) produce, one line per difference ("table 'todos':
    /// column 'note' is in the database but no revision creates it"), the version table left
    /// out; empty when they match. Replays the applied revisions' SQLite upgrades on an
    /// in-memory database and compares the schemas through the schema model
    /// (sqlite_drift.cpp). Not part of Backend, so that only check() links the schema model.
    /// Throws Error(database) when the comparison itself fails.
    std::vector<std::string> schema_drift(const Catalog& catalog, const std::vector<std::size_t>& applied);

private:
    SqliteBackend(sqlite3* db, const Options& options, bool owned, std::string location);
    void exec(const char* sql);
    [[noreturn]] void fail(const std::string& what) const;
    sqlite3_stmt* cached(sqlite3_stmt*& slot, const std::string& sql);

    sqlite3* db_;
    bool owned_;
    std::string location_;
    std::string table_;  // quoted identifier
    std::string version_table_;  // as configured, unquoted
    std::chrono::milliseconds lock_timeout_;
    bool in_transaction_ = false;
    sqlite3_stmt* write_statement_ = nullptr;
    sqlite3_stmt* delete_statement_ = nullptr;
};

}  // namespace migrations::detail
