// @brief Build-time verification of a revision chain (add_migrations(... VERIFY) and
// `migrations verify DIR`): every revision is replayed upgrade -> downgrade -> upgrade on an
// in-memory SQLite, and a downgrade must restore exactly the schema its upgrade started from.
#pragma once

#include "schema/script.hpp"
#include "schema/snapshot.hpp"
#include "schema/sqlite_introspect.hpp"

#include <string>
#include <vector>

namespace migrations::schema {

/// Replays `revisions` (in application order) one by one on a fresh in-memory database:
/// snapshot, upgrade, snapshot, downgrade, compare with the first snapshot, upgrade again,
/// compare with the second. Returns every diagnostic, in order, empty when all is well:
///   <file>:<line>: error: upgrade of <id> failed: <database message>
///       (line of the failing statement; the replay stops here: later revisions build on it)
///   <file>:<line>: error: downgrade of <id> failed: <database message>
///   <file>:<line>: error: downgrade of <id> does not restore the schema: <differences>
///       (line of the downgrade section; e.g. "table 'users' column 'email' is still present")
///   <file>:<line>: error: upgrade of <id> failed after its downgrade: <database message>
///   <file>:<line>: error: upgrade of <id> after its downgrade does not give the same schema:
///       <differences>
/// After a failing downgrade or re-upgrade the database is rebuilt from the upgrades alone,
/// so each later revision is still checked. Irreversible revisions are only upgraded.
/// Throws SchemaError only when SQLite itself fails (cannot open, cannot introspect).
std::vector<std::string> verify_revisions(const std::vector<RevisionScript>& revisions,
                                          const IntrospectOptions& options = {});

/// What differs between `expected` and `actual`, as verify words it: "table 'users' column
/// 'email' is still present", "index 'todos_done' is missing", "table 'users' column 'email'
/// changed (type TEXT -> INTEGER)", joined with "; ". "" when the schemas are equal.
std::string describe_restore_differences(const Schema& expected, const Schema& actual);

/// The differences between the schema `expected` was taken from and `db`'s schema now, as
/// describe_restore_differences() words them; "" when equal. Costs one query when the
/// snapshots are equal; full models otherwise.
std::string differences(const SchemaSnapshot& expected, sqlite3* db, const IntrospectOptions& options = {});

}  // namespace migrations::schema
