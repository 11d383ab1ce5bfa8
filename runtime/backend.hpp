// @brief What a database backend offers the migrator: a handful of verbs (as sqlx's Migrate),
// plus RAII guards for the lock and the transaction. A new backend is one folder implementing
// this interface and one line in backend_registry.cpp.
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/error.hpp>
#include <migrations/options.hpp>
#include <migrations/results.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::detail {

/// One row of the version table as read, valid only during the visitor call (no copies on
/// the fast path).
struct RowView {
    std::string_view revision;
    std::string_view checksum;
    std::string_view state;
    std::string_view applied_at;
    double duration_ms;
};

/// Thrown by Backend::execute when a statement gave up waiting for a table lock
/// (PostgreSQL's lock_timeout, Options::statement_lock_timeout). Its kind is lock_timeout and
/// its message names the blockers; the migrator rolls the transaction back and may run it again.
class StatementLockTimeout : public Error {
public:
    using Error::Error;
};

/// A backend whose drift check lives behind a virtual: PostgreSQL's, linked only where the
/// PostgreSQL backend is (and so libpq already is). SQLite's is not behind this interface: a
/// virtual would link the schema model into every SQLite program (docs/DECISIONS.md).
class SchemaDriftCheck {
public:
    virtual ~SchemaDriftCheck() = default;
    /// The live schema against the one the upgrades of the catalog revisions at `applied` (in
    /// application order) produce, objects matching `exclude` (Options::drift_exclude) left
    /// out: one line per difference, empty when none. Throws Error(database) when the
    /// comparison itself fails.
    virtual std::vector<std::string> schema_drift(const Catalog& catalog, const std::vector<std::size_t>& applied,
                                                  const std::vector<std::string>& exclude) = 0;
};

class Backend {
public:
    virtual ~Backend() = default;

    /// The dialect whose sections and checksums apply.
    virtual Dialect dialect() const noexcept = 0;

    /// Where the database is, for messages (a URL always redacted, or "sqlite connection").
    virtual std::string location() const = 0;

    /// Reads every row of the version table in ONE query, calling `visit` per row. Without
    /// `details`, applied_at is empty and duration_ms 0 (the fast path reads less). Returns
    /// false (without calling `visit`) when the table does not exist. Throws Error(database).
    virtual bool read_state(const std::function<void(const RowView&)>& visit, bool details) = 0;

    /// Takes the migration lock, waiting up to Options::migration_lock_timeout; throws
    /// Error(lock_timeout). SQLite: BEGIN IMMEDIATE (the lock is the write transaction).
    virtual void lock() = 0;
    /// Releases the lock; discards an uncommitted transaction. Never throws.
    virtual void unlock() noexcept = 0;
    /// True when the lock survives COMMIT (PostgreSQL's session advisory lock). False when
    /// COMMIT releases it (SQLite, whose lock is the write transaction): another process may
    /// then migrate before the next begin() takes it again, so the migrator reads the state
    /// again, and a `pending` row seen under the lock may be another process's revision still
    /// running rather than an interrupted one.
    virtual bool keeps_lock_across_commits() const noexcept { return false; }

    /// Starts a transaction (SQLite: reuses the one lock() opened, else BEGIN IMMEDIATE).
    virtual void begin() = 0;
    /// Commits it; throws Error(database) (the transaction is then rolled back).
    virtual void commit() = 0;
    /// Rolls back the open transaction, if any. Never throws.
    virtual void rollback() noexcept = 0;

    /// Creates the version table when it does not exist.
    virtual void ensure_table() = 0;

    /// Executes the SQL of `section` of `revision`, statement by statement as the database
    /// splits it. On failure throws Error(statement_failed) reading
    /// "<file>:<line>: <revision> <upgrade|downgrade> failed: <database message>", or
    /// StatementLockTimeout when a statement waited too long for a table lock.
    virtual void execute(const RevisionSpec& revision, const Section& section, Direction direction) = 0;

    /// Inserts or replaces the row of `row.revision`.
    virtual void write_row(const AppliedRevision& row) = 0;
    /// The same for several rows; backends may batch them into few statements (the migrator
    /// writes the rows of one transaction together, just before COMMIT).
    virtual void write_rows(const std::vector<AppliedRevision>& rows) {
        for (const AppliedRevision& row : rows) write_row(row);
    }
    /// Deletes the row of `revision` (no error when absent).
    virtual void delete_row(std::string_view revision) = 0;
};

/// Holds the migration lock for a scope. The destructor unlocks and never throws.
class LockGuard {
public:
    explicit LockGuard(Backend& backend) : backend_(backend) { backend_.lock(); }
    ~LockGuard() { backend_.unlock(); }
    LockGuard(const LockGuard&) = delete;
    LockGuard& operator=(const LockGuard&) = delete;

private:
    Backend& backend_;
};

/// A transaction for a scope: rolled back by the destructor unless commit() ran. The
/// destructor never throws.
class Transaction {
public:
    explicit Transaction(Backend& backend) : backend_(backend) { backend_.begin(); }
    ~Transaction() {
        if (open_) backend_.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit() {
        open_ = false;  // a failed COMMIT has already been rolled back by the backend
        backend_.commit();
    }
    /// Rolls back now rather than at the end of the scope.
    void rollback() noexcept {
        if (open_) backend_.rollback();
        open_ = false;
    }

private:
    Backend& backend_;
    bool open_ = true;
};

/// True when `name` is [A-Za-z_][A-Za-z0-9_]{0,62}.
bool is_identifier(std::string_view name) noexcept;

/// The current UTC time as ISO-8601 with milliseconds, e.g. "2026-11-23T09:15:02.120Z".
std::string utc_now();

}  // namespace migrations::detail
