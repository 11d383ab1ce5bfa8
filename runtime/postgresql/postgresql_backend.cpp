// @brief The PostgreSQL backend: version table verbs, the advisory lock, transactions and
// section execution over libpq.
#include "postgresql/postgresql_backend.hpp"

#include <algorithm>
#include <migrations/error.hpp>
#include <vector>

#include "postgresql/conninfo.hpp"
#include "postgresql/libpq_query.hpp"
#include "postgresql/postgresql_session.hpp"
#include "postgresql/section_runner.hpp"

namespace migrations::detail {

namespace {

using postgresql::DatabaseError;
using postgresql::percent_encode;
using postgresql::query;

// The URL libpq is given, rebuilt from the parsed parts (user and password percent-encoded
// again; the query passed through as written).
std::string libpq_url(const DatabaseUrl& url) {
    std::string text = "postgresql://";
    if (!url.user.empty() || !url.password.empty()) {
        text += percent_encode(url.user);
        if (!url.password.empty()) text += ':' + percent_encode(url.password);
        text += '@';
    }
    // An IPv6 address lost its brackets in parsing; a host list ("h1:5432,h2") keeps its form.
    const bool ipv6 = url.host.find(':') != std::string::npos && url.host.find(',') == std::string::npos;
    text += ipv6 ? "[" + url.host + "]" : url.host;
    if (!url.port.empty()) text += ':' + url.port;
    text += '/' + percent_encode(url.path);
    if (!url.query.empty()) text += '?' + url.query;
    return text;
}

std::string masked(const std::string& message, const std::string& password) {
    return postgresql::mask_password(postgresql::one_line(message), password);
}

// "postgresql://user@host:port/dbname" of an open connection: never a password.
std::string describe(PGconn* connection) {
    const auto text = [](const char* value) { return std::string(value != nullptr ? value : ""); };
    return "postgresql://" + text(PQuser(connection)) + "@" + text(PQhost(connection)) + ":" +
           text(PQport(connection)) + "/" + text(PQdb(connection));
}

void ignore_notice(void*, const char*) {}

// Installs a notice receiver for a scope and puts the previous one back. libpq returns the
// previous receiver but not its argument; libpq's default receiver (which calls the notice
// processor libpqxx installs) takes none.
class NoticeReceiverScope {
public:
    NoticeReceiverScope(PGconn* connection, PQnoticeReceiver receiver, void* argument)
        : connection_(connection), previous_(PQsetNoticeReceiver(connection, receiver, argument)) {}
    ~NoticeReceiverScope() { PQsetNoticeReceiver(connection_, previous_, nullptr); }
    NoticeReceiverScope(const NoticeReceiverScope&) = delete;
    NoticeReceiverScope& operator=(const NoticeReceiverScope&) = delete;

private:
    PGconn* connection_;
    PQnoticeReceiver previous_;
};

}  // namespace

int pack_sqlstate(std::string_view sqlstate) noexcept {
    if (sqlstate.size() != 5) return 0;
    unsigned code = 0;
    for (std::size_t i = 0; i < 5; ++i) code |= ((static_cast<unsigned>(sqlstate[i]) - '0') & 0x3FU) << (6 * i);
    return static_cast<int>(code);
}

PostgresqlBackend::PostgresqlBackend(PGconn* connection, const Options& options, std::string location)
    : connection_(connection),
      location_(std::move(location)),
      table_(options.version_table_schema, options.version_table),
      lock_timeout_(options.migration_lock_timeout),
      statement_lock_timeout_(options.statement_lock_timeout),
      statement_timeout_(options.statement_timeout),
      on_event_(options.on_event),
      blockers_(connection) {}

namespace {

// `connection` when the application's connection and options may be used; throws otherwise.
// Runs before the backend exists: a refusal must not run its destructor, whose rollback()
// would end the application's own transaction.
PGconn* usable(PGconn* connection, const Options& options) {
    validate(options);
    if (connection == nullptr || PQstatus(connection) != CONNECTION_OK) {
        throw Error(ErrorKind::database, "the PostgreSQL connection is not open");
    }
    if (PQtransactionStatus(connection) != PQTRANS_IDLE) {
        throw Error(ErrorKind::database, "the PostgreSQL connection to " + describe(connection) +
                                             " is inside a transaction: migrations run their own");
    }
    return connection;
}

}  // namespace

PostgresqlBackend::PostgresqlBackend(PGconn* connection, const Options& options)
    : PostgresqlBackend(usable(connection, options), options, "postgresql connection") {
    location_ = describe(connection_);
}

std::unique_ptr<Backend> PostgresqlBackend::open(const DatabaseUrl& url, const Options& options) {
    validate(options);
    postgresql::Conninfo conninfo;
    try {
        conninfo = postgresql::prepare_conninfo(libpq_url(url));
    } catch (const postgresql::ConninfoError& error) {
        throw Error(ErrorKind::bad_url,
                    "bad database URL '" + url.redacted + "': " + masked(error.what(), url.password));
    }
    PGconn* connection = PQconnectdb(conninfo.libpq.c_str());
    if (connection == nullptr || PQstatus(connection) != CONNECTION_OK) {
        const std::string message = connection != nullptr ? PQerrorMessage(connection) : "out of memory";
        PQfinish(connection);
        throw Error(ErrorKind::database, "cannot connect to " + url.redacted + ": " + masked(message, url.password));
    }
    PQsetNoticeProcessor(connection, &ignore_notice, nullptr);
    std::unique_ptr<PostgresqlBackend> backend(new PostgresqlBackend(connection, options, url.redacted));
    backend->owned_ = true;
    return backend;
}

PostgresqlBackend::~PostgresqlBackend() {
    rollback();
    lock_.reset();
    if (owned_) PQfinish(connection_);
}

void PostgresqlBackend::fail(const std::string& what, const std::exception& error) const {
    const auto* database = dynamic_cast<const DatabaseError*>(&error);
    throw Error(ErrorKind::database, what + " on " + location_ + ": " + error.what(), {}, {}, 0,
                database != nullptr ? pack_sqlstate(database->sqlstate()) : 0);
}

bool PostgresqlBackend::read_state(const std::function<void(const RowView&)>& visit, bool details) {
    try {
        return table_.read(
            connection_,
            [&](const postgresql::VersionRow& row) {
                visit(RowView{row.revision, row.checksum, row.state, row.applied_at, row.duration_ms});
            },
            details);
    } catch (const DatabaseError& error) {
        fail("cannot read the version table " + table_.qualified_name(), error);
    }
}

void PostgresqlBackend::lock() {
    if (lock_) return;
    try {
        const std::int64_t key = postgresql::advisory_lock_key(table_.resolve(connection_), table_.table());
        const std::string what = table_.qualified_name() + " on " + location_;
        postgresql::LockWaitReport report;
        if (on_event_) {
            report = [this](const std::string& holder, std::chrono::milliseconds waited) {
                const std::string message = "held by " + holder;
                on_event_(Event{EventKind::lock_wait, Direction::upgrade, {}, message, waited, 0, 0});
            };
        }
        lock_.emplace(connection_, key, lock_timeout_, what, report);
    } catch (const postgresql::LockTimeout& error) {
        throw Error(ErrorKind::lock_timeout, error.what());
    } catch (const DatabaseError& error) {
        fail("cannot take the migration lock", error);
    }
}

void PostgresqlBackend::unlock() noexcept {
    rollback();
    lock_.reset();
}

void PostgresqlBackend::begin() {
    try {
        // A backend does not notice that its client died until its statement ends: a killed
        // migrator would keep the lock and the transaction for as long as a long statement
        // runs. PostgreSQL 14+ can check the socket while a statement runs; enable it for
        // this transaction only.
        // The lock bounds ride in the same round trip (see the header).
        query(connection_,
              (PQserverVersion(connection_) >= 140000 ? "BEGIN; SET LOCAL client_connection_check_interval = 1000; "
                                                      : "BEGIN; ") +
                  postgresql::bounds_sql("LOCAL", statement_lock_timeout_, statement_timeout_));
        if (create_table_) {
            table_.create(connection_);
            create_table_ = false;
        }
    } catch (const DatabaseError& error) {
        rollback();
        fail("cannot begin a transaction", error);
    }
}

void PostgresqlBackend::commit() {
    try {
        // COMMIT of a failed transaction "succeeds" as a ROLLBACK: that is a failure here.
        const postgresql::QueryResult result = query(connection_, "COMMIT");
        if (result.command_status() != "COMMIT") {
            throw DatabaseError("the transaction was rolled back (" + std::string(result.command_status()) + ")", "");
        }
    } catch (const DatabaseError& error) {
        rollback();
        fail("cannot commit", error);
    }
}

void PostgresqlBackend::rollback() noexcept {
    if (PQtransactionStatus(connection_) != PQTRANS_IDLE) {
        try {
            query(connection_, "ROLLBACK");
        } catch (...) {
            // A broken connection: the server has rolled back already.
        }
    }
    for (const std::string& name : stale_statements_) PQclear(PQexec(connection_, ("DEALLOCATE " + name).c_str()));
    stale_statements_.clear();
}

void PostgresqlBackend::ensure_table() {
    // Created in the migration's transaction, so that a failed upgrade leaves no table behind.
    if (PQtransactionStatus(connection_) == PQTRANS_IDLE) {
        create_table_ = true;
        return;
    }
    try {
        table_.create(connection_);
    } catch (const DatabaseError& error) {
        fail("cannot create the version table " + table_.qualified_name(), error);
    }
}

void PostgresqlBackend::receive_notice(void* backend, const PGresult* notice) noexcept {
    auto* self = static_cast<PostgresqlBackend*>(backend);
    try {
        const std::string message =
            postgresql::error_field(notice, PG_DIAG_SEVERITY) + ": " + postgresql::server_message(notice, false);
        const std::string_view revision = self->running_ != nullptr ? self->running_->id : "";
        self->on_event_(Event{EventKind::server_notice, self->running_direction_, revision, message, {}, 0, 0});
    } catch (...) {
        // on_event must not throw; nothing may cross libpq's C frames.
    }
}

void PostgresqlBackend::execute(const RevisionSpec& revision, const Section& section, Direction direction) {
    const std::optional<std::vector<StatementRange>> statements = Catalog::statements(section);
    const postgresql::SectionSource source{revision.file, revision.id,
                                           direction == Direction::upgrade ? "upgrade" : "downgrade",
                                           section.first_line, statements ? &*statements : nullptr};
    running_ = &revision;
    running_direction_ = direction;
    blockers_.clear();
    std::optional<NoticeReceiverScope> notices;
    if (on_event_) notices.emplace(connection_, &PostgresqlBackend::receive_notice, this);
    postgresql::StallWatch watch;
    if (statement_lock_timeout_.count() > 0) {
        watch.after = std::max(statement_lock_timeout_ / 2, std::chrono::milliseconds(1));
        watch.call = [this] { blockers_.record(); };
    }
    try {
        std::optional<postgresql::SessionBounds> session_bounds;
        if (!revision.transactional) session_bounds.emplace(connection_, statement_lock_timeout_, statement_timeout_);
        postgresql::run_section(
            connection_, section.sql.str(), source,
            revision.transactional ? postgresql::Submission::whole : postgresql::Submission::one_statement_at_a_time,
            watch);
    } catch (const postgresql::SectionError& error) {
        running_ = nullptr;
        // 55P03 lock_not_available: lock_timeout (or a NOWAIT, which may succeed later as well).
        if (error.sqlstate() == "55P03" && statement_lock_timeout_.count() > 0) {
            throw StatementLockTimeout(
                ErrorKind::lock_timeout,
                error.what() + (blockers_.blockers().empty()
                                    ? std::string("\n  (no blocking session was seen while it waited)")
                                    : blockers_.blockers()),
                revision.id, revision.file, error.line(), pack_sqlstate(error.sqlstate()));
        }
        throw Error(ErrorKind::statement_failed, error.what(), revision.id, revision.file, error.line(),
                    pack_sqlstate(error.sqlstate()));
    } catch (const DatabaseError& error) {
        running_ = nullptr;
        fail("cannot bound the lock waits of revision " + std::string(revision.id), error);
    }
    running_ = nullptr;
}

void PostgresqlBackend::run_cpp(const RevisionSpec& revision, const CppStep& step, Direction direction) {
    running_ = &revision;
    running_direction_ = direction;
    std::optional<NoticeReceiverScope> notices;
    if (on_event_) notices.emplace(connection_, &PostgresqlBackend::receive_notice, this);
    try {
        std::optional<postgresql::SessionBounds> session_bounds;
        if (!revision.transactional) session_bounds.emplace(connection_, statement_lock_timeout_, statement_timeout_);
        PostgresqlSession session(connection_, revision, direction, stale_statements_);
        run_cpp_step(session, step);
    } catch (const DatabaseError& error) {
        running_ = nullptr;
        fail("cannot bound the lock waits of revision " + std::string(revision.id), error);
    } catch (...) {
        running_ = nullptr;
        throw;
    }
    running_ = nullptr;
}

void PostgresqlBackend::write_row(const AppliedRevision& row) {
    try {
        table_.write(connection_,
                     postgresql::VersionRow{row.revision, row.checksum, row.state, row.applied_at, row.duration_ms});
    } catch (const DatabaseError& error) {
        fail("cannot record revision " + row.revision + " in " + table_.qualified_name(), error);
    }
}

void PostgresqlBackend::write_rows(const std::vector<AppliedRevision>& rows) {
    std::vector<postgresql::VersionRow> views;
    views.reserve(rows.size());
    for (const AppliedRevision& row : rows) {
        views.push_back(postgresql::VersionRow{row.revision, row.checksum, row.state, row.applied_at, row.duration_ms});
    }
    try {
        table_.write(connection_, views);
    } catch (const DatabaseError& error) {
        fail("cannot record " + std::to_string(rows.size()) + " revisions in " + table_.qualified_name(), error);
    }
}

void PostgresqlBackend::delete_row(std::string_view revision) {
    try {
        table_.erase(connection_, revision);
    } catch (const DatabaseError& error) {
        fail("cannot remove revision " + std::string(revision) + " from " + table_.qualified_name(), error);
    }
}

}  // namespace migrations::detail
