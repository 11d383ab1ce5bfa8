// @brief The PostgreSQL backend: the Backend verbs over a libpq connection (borrowed from the
// application, or opened from a URL), with the polled advisory lock.
//
// Lock bounds: every migration transaction starts with `SET LOCAL lock_timeout` (and
// statement_timeout when set) in the BEGIN's round trip; a `transactional: false` revision
// gets the same bounds with session-level SETs, restored afterwards. A statement that gives up
// waiting for a lock (SQLSTATE 55P03) throws StatementLockTimeout naming the sessions that
// blocked it: while a statement runs without a result for half the lock bound, a second,
// lazily opened connection (same parameters, from PQconninfo) asks pg_blocking_pids() for our
// backend pid (the function answers only while the wait lasts) and the answer is kept for the
// message. Server notices go to Options::on_event while a revision runs.
#pragma once

#include "backend.hpp"
#include "postgresql/advisory_lock.hpp"
#include "postgresql/lock_bounds.hpp"
#include "postgresql/version_table.hpp"

#include <migrations/url.hpp>

#include <libpq-fe.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace migrations::detail {

class PostgresqlBackend final : public Backend, public SchemaDriftCheck {
public:
    /// Uses `connection` (the application's, e.g. the one under its libpqxx connection)
    /// without owning it. Its notices go where its notice processor sends them (libpqxx: the
    /// application's error handlers; libpqxx 6 and 7 print nothing by default), except while a
    /// revision runs with Options::on_event set: they are then events (server_notice), and
    /// libpq's notice receiver is restored afterwards with a null argument (libpqxx 6 and 7
    /// install a notice processor, behind libpq's default receiver, which takes none).
    /// Throws Error(bad_option) for invalid options, Error(database) when the connection is
    /// null, not open or inside a transaction.
    PostgresqlBackend(PGconn* connection, const Options& options);

    /// Connects to the database of a postgresql:// (or postgres://) URL and owns the
    /// connection, whose notices are discarded (or are events while a revision runs). Throws Error(bad_url) when libpq
    /// refuses the URL, Error(database) when the server cannot be reached; messages show the URL redacted.
    static std::unique_ptr<Backend> open(const DatabaseUrl& url, const Options& options);

    ~PostgresqlBackend() override;
    PostgresqlBackend(const PostgresqlBackend&) = delete;
    PostgresqlBackend& operator=(const PostgresqlBackend&) = delete;

    Dialect dialect() const noexcept override { return Dialect::postgresql; }
    std::string location() const override { return location_; }
    bool read_state(const std::function<void(const RowView&)>& visit, bool details) override;
    void lock() override;
    void unlock() noexcept override;
    bool keeps_lock_across_commits() const noexcept override { return true; }
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    void ensure_table() override;
    void execute(const RevisionSpec& revision, const Section& section, Direction direction) override;
    void run_cpp(const RevisionSpec& revision, const CppStep& step, Direction direction) override;
    void write_row(const AppliedRevision& row) override;
    void write_rows(const std::vector<AppliedRevision>& rows) override;
    void delete_row(std::string_view revision) override;
    /// Replays the applied revisions' PostgreSQL sections in a scratch database on the same
    /// server and compares (schema/postgresql_drift.hpp); the version table and the objects
    /// matching `exclude` are left out.
    std::vector<std::string> schema_drift(const Catalog& catalog, const std::vector<std::size_t>& applied,
                                          const std::vector<std::string>& exclude) override;

private:
    PostgresqlBackend(PGconn* connection, const Options& options, std::string location);
    [[noreturn]] void fail(const std::string& what, const std::exception& error) const;
    /// Forwards one notice of the server to on_event_ (libpq's PQnoticeReceiver).
    static void receive_notice(void* backend, const PGresult* notice) noexcept;

    PGconn* connection_;
    bool owned_ = false;
    std::string location_;
    postgresql::VersionTable table_;
    // Copies of the Options the backend needs after construction.
    std::chrono::milliseconds lock_timeout_;
    std::chrono::milliseconds statement_lock_timeout_;
    std::chrono::milliseconds statement_timeout_;
    std::function<void(const Event&)> on_event_;
    std::optional<postgresql::AdvisoryLock> lock_;
    /// Names who blocks a waiting statement (its second connection opened on first need).
    postgresql::BlockerMonitor blockers_;
    /// The revision executing, for notices.
    const RevisionSpec* running_ = nullptr;
    Direction running_direction_ = Direction::upgrade;
    /// Statements a C++ revision prepared in a transaction that then failed: deallocated by
    /// the next rollback() (postgresql_session.hpp).
    std::vector<std::string> stale_statements_;
    /// ensure_table() was called outside a transaction: the next begin() creates the table.
    bool create_table_ = false;
};

/// The SQLSTATE packed into an int as PostgreSQL's MAKE_SQLSTATE does (6 bits per character).
int pack_sqlstate(std::string_view sqlstate) noexcept;

}  // namespace migrations::detail
