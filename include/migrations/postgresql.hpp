// @brief The operations on an open PostgreSQL connection (libpqxx), and what PostgreSQL adds
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
//     printed: discarded on a URL's connection; on a libpqxx connection they go to the
//     application's pqxx::errorhandler objects, if any (libpqxx prints nothing by default).
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/options.hpp>
#include <migrations/results.hpp>

#include <string>
#include <string_view>
#include <vector>

// libpqxx 6.4's pqxx::connection is an alias of a class template deriving from
// pqxx::connection_base, which is forward-declarable: taking connection_base& accepts
// pqxx::connection, pqxx::lazyconnection and the other connection types, and keeps
// <pqxx/...> out of this header.
namespace pqxx {
class connection_base;
}

namespace migrations {

// ---- On an open libpqxx connection --------------------------------------------------------
// The connection stays the caller's: it is not closed and must not be inside a transaction
// (no pqxx::work open on it). Throws as the sqlite3* overloads in operations.hpp, plus
// Error(database) when the connection is not open or is inside a transaction.

UpgradeResult upgrade(pqxx::connection_base& connection, const Catalog& catalog, std::string_view target = "head",
                      const Options& options = {});
DowngradeResult downgrade(pqxx::connection_base& connection, const Catalog& catalog, std::string_view target,
                          const Options& options = {});
MigrationResult stamp(pqxx::connection_base& connection, const Catalog& catalog, std::string_view target,
                      const Options& options = {});
RepairResult repair(pqxx::connection_base& connection, const Catalog& catalog, const Options& options = {});
std::vector<std::string> current(pqxx::connection_base& connection, const Catalog& catalog,
                                 const Options& options = {});
std::vector<RevisionStatus> history(pqxx::connection_base& connection, const Catalog& catalog,
                                    const Options& options = {});
std::vector<AppliedRevision> applied_revisions(pqxx::connection_base& connection, const Options& options = {});
CheckResult check(pqxx::connection_base& connection, const Catalog& catalog, const Options& options = {});

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
