// @brief Reads a live PostgreSQL schema into the model from pg_catalog, one query per object
// kind: tables, columns, constraints, indexes, views and materialized views, sequences, enum
// and domain types, functions, triggers, extensions and comments (docs/schema.md).
#pragma once

#include "schema/model.hpp"
#include "schema/sqlite_introspect.hpp"

#include <string>
#include <vector>

typedef struct pg_conn PGconn;

namespace migrations::schema {

struct PostgresqlIntrospectOptions {
    /// The schema read; "" for the connection's current schema (current_schema()).
    std::string schema;
    /// Tables left out, with their constraints, indexes, triggers and comments (names compared
    /// case-insensitively).
    std::vector<std::string> excluded_tables = {kVersionTable};
    /// Objects left out by name pattern (Options::drift_exclude): see exclude_matching() in
    /// exclusion.hpp.
    std::vector<std::string> excluded_patterns{};
};

/// The schema `options.schema` of `connection`'s database. Objects that belong to an
/// extension are left out (the extension stands for them), as are internal triggers and the
/// indexes that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint (the constraint stands for
/// them). Definitions come from PostgreSQL's own deparsers (pg_get_constraintdef,
/// pg_get_indexdef, pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef), white space
/// normalised. Throws SchemaError when a query fails.
Schema introspect_postgresql(PGconn* connection, const PostgresqlIntrospectOptions& options = {});

}  // namespace migrations::schema
