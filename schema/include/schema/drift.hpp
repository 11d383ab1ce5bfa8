// @brief Drift detection for `run_cli`'s `check`: the live database's schema against the
// schema its applied revisions should have produced (someone altered the database by hand).
#pragma once

#include "schema/model.hpp"
#include "schema/script.hpp"
#include "schema/sqlite_introspect.hpp"

#include <string>
#include <vector>

struct sqlite3;

namespace migrations::schema {

/// Replays the upgrades of `applied` (the revisions the database's version table lists, in
/// application order) into an in-memory database and compares its schema with `live`'s.
/// Returns one readable line per difference, empty when there is none:
///   table 'todos': column 'note' is in the database but no revision creates it
///   table 'todos': column 'title' is missing from the database
///   table 'todos': column 'done' differs from the revisions (type INTEGER -> TEXT)
///   index 'todos_done' is in the database but no revision creates it
/// The version table and the tables in `options` are left out. Throws SchemaError when a
/// revision fails to replay (its message is the diagnostic) or SQLite fails.
std::vector<std::string> detect_drift(sqlite3* live, const std::vector<RevisionScript>& applied,
                                      const IntrospectOptions& options = {});

/// The same lines for two schemas already at hand.
std::vector<std::string> describe_drift(const Schema& expected, const Schema& live);

}  // namespace migrations::schema
