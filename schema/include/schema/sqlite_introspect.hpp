// @brief Reads a live SQLite database's schema into the model: sqlite_schema for the objects,
// the table_xinfo, index_list, index_xinfo and foreign_key_list pragmas for tables, and the
// stored CREATE text for what the pragmas do not report (see ddl_parser.hpp).
#pragma once

#include "schema/model.hpp"

#include <string>
#include <vector>

struct sqlite3;

namespace migrations::schema {

/// The name of the runtime's version table, never part of a schema.
inline constexpr const char* kVersionTable = "schema_revisions";

struct IntrospectOptions {
    /// Tables left out, with their indexes and triggers (names compared case-insensitively).
    std::vector<std::string> excluded_tables = {kVersionTable};
    /// Objects left out by name pattern (Options::drift_exclude): see exclude_matching() in
    /// exclusion.hpp.
    std::vector<std::string> excluded_patterns{};
};

/// The schema of the `main` database of `db`. Objects whose name starts with "sqlite_" are
/// SQLite's own and left out, as are virtual tables, which the model does not cover.
/// Throws SchemaError when a query fails.
Schema introspect(sqlite3* db, const IntrospectOptions& options = {});

}  // namespace migrations::schema
