// @brief The operations on an open PostgreSQL connection (libpq PGconn*, libpqxx), and what PostgreSQL adds
// to the rest of the API. Link Migrations::postgresql to use it.
//
// Linking Migrations::postgresql also makes the URL operations and run_cli serve
// `postgresql://user:password@host:port/dbname?sslmode=...` and `postgres://...`.
// Everything behaves as on SQLite (operations.hpp), with these PostgreSQL specifics:
//   - One upgrade runs in one transaction (PostgreSQL's DDL is transactional). A
//     `transactional: false` revision runs on its own, outside any transaction, one statement
//     at a time (as psql sends a file), recorded 'pending' before and 'applied' after.
//   - Many processes may upgrade at once: the first to need a change takes a session-level
//     advisory lock (key derived from the version table's schema and name) by polling
//     pg_try_advisory_lock, never blocking in pg_advisory_lock; the others wait up to
//     Options::migration_lock_timeout, then fail with Error(lock_timeout) naming the lock's holder.
//   - The version table lives in Options::version_table_schema, else the connection's
//     current schema.
//   - Error::database_code() holds the SQLSTATE, packed (see postgresql_sqlstate()).
//   - Notices the server sends while migrating (e.g. "relation exists, skipping") are not
//     printed: discarded on a URL's connection; on a connection of yours they go where its
//     notice processor sends them (libpqxx: the application's pqxx::errorhandler objects, if
//     any; libpqxx prints nothing by default). With Options::on_event set they are events
//     (server_notice) while a revision runs (see the PGconn* overloads for what that costs).
//
// The backend's contract is libpq's PGconn*: the PGconn* overloads work with any libpq
// connection (yours, or the one under any libpqxx version). The pqxx overloads are a thin
// adapter to them, compiled against the libpqxx the package was built with (6.x or 7.x;
// MIGRATIONS_LIBPQXX_VERSION_MAJOR says which): include <pqxx/...> yourself to call them.
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/options.hpp>
#include <migrations/results.hpp>

#if __has_include(<migrations/postgresql_libpqxx.hpp>)
#include <migrations/postgresql_libpqxx.hpp>
#else
#error \
    "Migrations was built without PostgreSQL (MIGRATIONS_WITH_POSTGRESQL=OFF): <migrations/postgresql.hpp> is unusable"
#endif

#include <string>
#include <string_view>
#include <vector>

// libpq's connection handle, declared as <libpq-fe.h> declares it (a repeated typedef of the
// same type is allowed), so that this header needs neither libpq's nor libpqxx's headers.
struct pg_conn;
typedef struct pg_conn PGconn;

// The libpqxx connection type, forward-declared as the libpqxx the package was built with
// declares it: libpqxx 6 makes pqxx::connection an alias of a class template deriving from
// the class pqxx::connection_base (so taking connection_base& accepts pqxx::connection,
// pqxx::lazyconnection and the other 6.x connection types); libpqxx 7 makes pqxx::connection
// a class and connection_base an alias of it.
namespace pqxx {
#if MIGRATIONS_LIBPQXX_VERSION_MAJOR >= 7
class connection;
#else
class connection_base;
#endif
}  // namespace pqxx

namespace migrations {

/// The libpqxx connection the pqxx overloads take: pqxx::connection (libpqxx 7) or
/// pqxx::connection_base (libpqxx 6, the base of pqxx::connection).
#if MIGRATIONS_LIBPQXX_VERSION_MAJOR >= 7
using PqxxConnection = pqxx::connection;
#else
using PqxxConnection = pqxx::connection_base;
#endif

// ---- On an open libpq connection (PGconn*) ------------------------------------------------
// The contract every PostgreSQL operation is built on. The connection stays the caller's: it
// is not closed, and each call leaves it as it found it: idle (no transaction open, no result
// pending), our advisory lock released, the session settings we change (lock_timeout,
// statement_timeout for a `transactional: false` revision) put back. It must be open
// (PQstatus() == CONNECTION_OK) and idle (PQtransactionStatus() == PQTRANS_IDLE): otherwise,
// and for a null pointer, Error(database) ("the PostgreSQL connection is not open", "... is
// inside a transaction: migrations run their own") before anything is sent. Its notice
// processor is never touched; only while a revision runs with Options::on_event set, its
// notice receiver is replaced and then put back with a null argument (libpq cannot report a
// receiver's argument): libpq's default receiver and libpqxx's need none, a receiver of your
// own with an argument must not be combined with on_event. Throws as the sqlite3* overloads
// in operations.hpp.

UpgradeResult upgrade(PGconn* connection, const Catalog& catalog, std::string_view target = "head",
                      const Options& options = {});
DowngradeResult downgrade(PGconn* connection, const Catalog& catalog, std::string_view target,
                          const Options& options = {});
MigrationResult stamp(PGconn* connection, const Catalog& catalog, std::string_view target, const Options& options = {});
RepairResult repair(PGconn* connection, const Catalog& catalog, const Options& options = {});
std::vector<std::string> current(PGconn* connection, const Catalog& catalog, const Options& options = {});
std::vector<RevisionStatus> history(PGconn* connection, const Catalog& catalog, const Options& options = {});
std::vector<AppliedRevision> applied_revisions(PGconn* connection, const Options& options = {});
CheckResult check(PGconn* connection, const Catalog& catalog, const Options& options = {});

// ---- On an open libpqxx connection --------------------------------------------------------
// Each passes the connection's PGconn* to the overload above: same contract (no pqxx::work
// or other transaction object open on it), same results and errors.

UpgradeResult upgrade(PqxxConnection& connection, const Catalog& catalog, std::string_view target = "head",
                      const Options& options = {});
DowngradeResult downgrade(PqxxConnection& connection, const Catalog& catalog, std::string_view target,
                          const Options& options = {});
MigrationResult stamp(PqxxConnection& connection, const Catalog& catalog, std::string_view target,
                      const Options& options = {});
RepairResult repair(PqxxConnection& connection, const Catalog& catalog, const Options& options = {});
std::vector<std::string> current(PqxxConnection& connection, const Catalog& catalog, const Options& options = {});
std::vector<RevisionStatus> history(PqxxConnection& connection, const Catalog& catalog, const Options& options = {});
std::vector<AppliedRevision> applied_revisions(PqxxConnection& connection, const Options& options = {});
CheckResult check(PqxxConnection& connection, const Catalog& catalog, const Options& options = {});

/// A URL for the URL operations and run_cli from a PostgreSQL connection string: a
/// `postgresql://` or `postgres://` URL is returned as given; a libpq keyword string
/// (`host=db dbname=app user=app password='s e'`) becomes the equivalent
/// `postgresql://?host=db&dbname=app&user=app&password=s%20e`. Throws Error(bad_url), with the
/// text redacted, for anything else.
std::string postgresql_url(std::string_view connection_string);

/// The five-character SQLSTATE (e.g. "42P01") packed in a PostgreSQL Error::database_code(),
/// or "" for 0.
std::string postgresql_sqlstate(int database_code);

}  // namespace migrations
