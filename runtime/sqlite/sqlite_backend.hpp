// @brief The SQLite backend: the version table, BEGIN IMMEDIATE as the migration lock, a busy
// handler bounding every lock wait, and sections run by the shared runner (schema/script.hpp).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <migrations/url.hpp>
#include <string>

#include "backend.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace migrations::detail {

class SqliteBackend final : public Backend {
public:
    /// Uses `db` without owning it. Installs a busy handler that waits up to
    /// options.migration_lock_timeout for each lock and reports EventKind::lock_wait; the
    /// destructor leaves a busy timeout of the same bound in its place (SQLite cannot report the
    /// previous handler, so it is not restored). Throws Error(bad_option) for an invalid version
    /// table name, Error(database) when `db` is null or inside a transaction.
    SqliteBackend(sqlite3* db, const Options& options);

    /// Opens (creating if needed) the database of an sqlite:// URL and owns the connection.
    /// Query parameters (`?mode=ro&cache=shared`) go to SQLite's URI handling; throws
    /// Error(bad_url) naming one SQLite does not know, Error(database) naming the redacted URL
    /// when the database cannot be opened (sqlite_open.cpp).
    static std::unique_ptr<Backend> open(const DatabaseUrl& url, const Options& options);
    /// The same for the read-only verbs: never creates the database; a missing file is
    /// Error(database) naming the path and saying whether it was taken as relative.
    static std::unique_ptr<Backend> open_existing(const DatabaseUrl& url, const Options& options);

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
    void run_cpp(const RevisionSpec& revision, const CppStep& step, Direction direction) override;
    void write_row(const AppliedRevision& row) override;
    void write_rows(const std::vector<AppliedRevision>& rows) override;
    void delete_row(std::string_view revision) override;
    /// How the database's schema differs from the schema the revisions at `applied` (catalog
    /// indices, in application order) produce, one line per difference ("table 'todos':
    /// column 'note' is in the database but no revision creates it"), the version table and
    /// the objects matching `exclude` (Options::drift_exclude) left out; empty when they
    /// match. Replays the applied revisions' SQLite upgrades on an in-memory database and
    /// compares the schemas through the schema model
    /// (sqlite_drift.cpp). Not part of Backend, so that only check() links the schema model.
    /// Throws Error(database) when the comparison itself fails.
    std::vector<std::string> schema_drift(const Catalog& catalog, const std::vector<std::size_t>& applied,
                                          const std::vector<std::string>& exclude);

private:
    using Clock = std::chrono::steady_clock;

    SqliteBackend(sqlite3* db, const Options& options, bool owned, std::string location);
    static std::unique_ptr<Backend> open(const DatabaseUrl& url, const Options& options, bool create);
    /// SQLite's busy handler: sleeps and returns 1 until migration_lock_timeout has passed since
    /// the wait began; reports lock_wait when the wait starts, then at most every 5 s.
    static int on_busy(void* self, int count) noexcept;
    /// Error(lock_timeout), the same words wherever SQLite gave up waiting (BEGIN IMMEDIATE, a
    /// statement, a read, COMMIT): `prefix` names a statement's file, line and revision.
    Error lock_timeout(int code, const std::string& prefix = {}, const RevisionSpec* revision = nullptr,
                       unsigned line = 0) const;
    void exec(const char* sql);
    [[noreturn]] void fail(const std::string& what) const;
    sqlite3_stmt* cached(sqlite3_stmt*& slot, const std::string& sql);

    sqlite3* db_;
    bool owned_;
    std::string location_;
    std::string table_;          // quoted identifier
    std::string version_table_;  // as configured, unquoted
    std::chrono::milliseconds lock_timeout_;
    std::function<void(const Event&)> on_event_;
    Clock::time_point wait_started_{};
    Clock::time_point last_report_{};
    bool reported_ = false;
    bool in_transaction_ = false;
    sqlite3_stmt* write_statement_ = nullptr;
    sqlite3_stmt* delete_statement_ = nullptr;
};

}  // namespace migrations::detail
