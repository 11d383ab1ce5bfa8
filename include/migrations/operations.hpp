// @brief The operations on a database: upgrade, downgrade, stamp, repair, current, history, check, for an
// open sqlite3 connection or a database URL; and the offline ones (heads, sql).
//
// Every function takes the catalog compiled into the binary. Targets are Alembic's:
//   upgrade:   "head", "heads", an id, a unique id prefix, a branch label, "label@head",
//              "+N", "<id>+N"
//   downgrade: "-N", "<id>-N", "base", an id / prefix / label
//   stamp:     anything upgrade or downgrade accepts that names revisions, and "base"
// Functions throw migrations::Error (see error.hpp); a database is never left half-migrated
// by a transactional revision.
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/options.hpp>
#include <migrations/results.hpp>

#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace migrations {

// ---- On an open SQLite connection ---------------------------------------------------------
// The connection stays the caller's: it is not closed. It must not be inside a transaction
// (Error(database)). Its busy timeout is set to Options::migration_lock_timeout and left so (SQLite
// cannot report a previous busy handler to restore).

/// Applies the revisions missing below `target` (default "head"), in topological order, in one
/// transaction (a `transactional: false` revision runs alone). When the database is already at
/// the target with matching checksums this is one SELECT and nothing else (result.fast_path).
/// Throws Error: unknown_revision, checksum_mismatch, pending_revision (nothing changed);
/// bad_target; statement_failed (everything rolled back); lock_timeout; database.
UpgradeResult upgrade(sqlite3* db, const Catalog& catalog, std::string_view target = "head",
                      const Options& options = {});

/// Reverts the applied revisions above `target`, children before parents, in one transaction.
/// Refuses, before any change, with Error(irreversible) when one of them is irreversible.
/// Throws as upgrade.
DowngradeResult downgrade(sqlite3* db, const Catalog& catalog, std::string_view target, const Options& options = {});

/// Rewrites the version table so that `target` and its ancestors are applied and its applied
/// descendants are not, without running any revision SQL; rows of the target's ancestors get
/// the catalog's current checksums and state "applied" (this is how a pending row or an
/// accepted edit is resolved). Other branches are left alone; "base" empties the table.
/// Throws Error: unknown_revision, bad_target, lock_timeout, database.
MigrationResult stamp(sqlite3* db, const Catalog& catalog, std::string_view target, const Options& options = {});

/// Flyway's repair: rewrites the stored checksum of every applied (or pending) revision whose
/// checksum differs from the catalog's, under the migration lock, in one transaction, and
/// changes nothing else: no row added or removed, states and times untouched, no revision SQL
/// run. This is how an intended edit of an applied revision is accepted (the checksum_mismatch
/// error points here). Returns what changed. A missing version table is nothing to repair.
/// Throws Error: unknown_revision (nothing changed), lock_timeout, database.
RepairResult repair(sqlite3* db, const Catalog& catalog, const Options& options = {});

/// The current revisions (heads of the applied set) in catalog order; empty at base or when
/// the version table does not exist. Revisions unknown to the catalog are listed too, last.
/// Throws Error(database) when the table cannot be read.
std::vector<std::string> current(sqlite3* db, const Catalog& catalog, const Options& options = {});

/// Every revision of the catalog, newest first (reverse topological order), with the
/// database's row for it. Throws Error(database) when the table cannot be read.
std::vector<RevisionStatus> history(sqlite3* db, const Catalog& catalog, const Options& options = {});

/// The rows of the version table as stored (empty when it does not exist).
/// Throws Error(database) when the table cannot be read.
std::vector<AppliedRevision> applied_revisions(sqlite3* db, const Options& options = {});

/// Whether the database is at head with nothing modified (see CheckResult), including its
/// schema: the applied revisions are replayed on an in-memory SQLite and every difference from
/// the live schema (the version table left out) is a problem ("schema drift: table 'todos':
/// column 'note' is in the database but no revision creates it"). Never changes the database.
/// Throws Error(database) when the table cannot be read or the revisions cannot be replayed.
CheckResult check(sqlite3* db, const Catalog& catalog, const Options& options = {});

// ---- By URL -------------------------------------------------------------------------------
// The same operations on a database named by URL (see url.hpp; "sqlite:///app.db"). The
// connection is opened for the call and closed after it. Besides the errors above, these
// throw Error(bad_url) for a malformed URL or a scheme no backend serves, and
// Error(database) when the database cannot be opened; messages show the URL redacted.

UpgradeResult upgrade(std::string_view url, const Catalog& catalog, std::string_view target = "head",
                      const Options& options = {});
DowngradeResult downgrade(std::string_view url, const Catalog& catalog, std::string_view target,
                          const Options& options = {});
MigrationResult stamp(std::string_view url, const Catalog& catalog, std::string_view target,
                      const Options& options = {});
RepairResult repair(std::string_view url, const Catalog& catalog, const Options& options = {});
std::vector<std::string> current(std::string_view url, const Catalog& catalog, const Options& options = {});
std::vector<RevisionStatus> history(std::string_view url, const Catalog& catalog, const Options& options = {});
std::vector<AppliedRevision> applied_revisions(std::string_view url, const Options& options = {});
CheckResult check(std::string_view url, const Catalog& catalog, const Options& options = {});

// ---- Offline: no database -----------------------------------------------------------------

/// The heads of the catalog (revisions no other names as parent), in catalog order.
std::vector<std::string> heads(const Catalog& catalog);

/// The script `upgrade` (or, when `to` lies below `from`, `downgrade`) would run from `from`
/// (a target naming revisions, or "base") to `to`, for `dialect`, as `alembic upgrade --sql`
/// prints it: BEGIN, the version table's CREATE TABLE IF NOT EXISTS, each revision's SQL
/// followed by its version-row INSERT or DELETE, COMMIT. A `transactional: false` revision is
/// emitted between COMMIT and BEGIN. Throws Error: bad_target, irreversible, bad_catalog (no
/// section for the dialect), bad_option.
std::string sql(const Catalog& catalog, std::string_view from, std::string_view to, Dialect dialect = Dialect::sqlite,
                const Options& options = {});

}  // namespace migrations
