// @brief The version table's SQL, one definition per dialect: its CREATE statement (used by
// the SQLite backend, the PostgreSQL backend and the offline script) and the row INSERT and
// DELETE with literal values that the offline script writes.
//
// Columns: revision TEXT PRIMARY KEY, checksum TEXT, state TEXT ('applied' | 'pending'),
// applied_at TEXT (UTC ISO-8601), duration_ms (REAL on SQLite, DOUBLE PRECISION on
// PostgreSQL). Names are quoted as given; the caller validates them as identifiers
// (validate(Options)), so no quote can occur in them.
#pragma once

#include <migrations/catalog.hpp>
#include <string>
#include <string_view>

namespace migrations::detail {

/// `"table"`, or `"schema"."table"` when `schema` is not empty.
std::string qualified_version_table(std::string_view schema, std::string_view table);

/// `CREATE TABLE IF NOT EXISTS <qualified> (...)` for `dialect`, without a trailing `;`.
/// `qualified` is a name as qualified_version_table() returns it.
std::string create_version_table_sql(Dialect dialect, std::string_view qualified);

/// `CREATE SCHEMA IF NOT EXISTS "schema"` (PostgreSQL), without a trailing `;`.
std::string create_schema_sql(std::string_view schema);

/// The INSERT of an `applied` row for `revision` with `checksum`, applied now (the database's
/// clock, in the runtime's UTC ISO-8601 form) and a duration of 0, without a trailing `;`.
std::string insert_applied_row_sql(Dialect dialect, std::string_view qualified, std::string_view revision,
                                   std::string_view checksum);

/// The DELETE of the row of `revision`, without a trailing `;`.
std::string delete_row_sql(std::string_view qualified, std::string_view revision);

}  // namespace migrations::detail
