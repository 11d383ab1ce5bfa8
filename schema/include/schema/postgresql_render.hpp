// @brief The operations of diff() as PostgreSQL SQL, in dependency order: objects tables use
// (extensions, enum and domain types, sequences, functions) before the tables, objects that
// use tables (indexes, views, triggers, comments) after; CHECK and FOREIGN KEY constraints on
// existing tables added NOT VALID then validated; indexes on existing tables CONCURRENTLY.
#pragma once

#include "schema/diff.hpp"
#include "schema/model.hpp"

#include <string>
#include <vector>

namespace migrations::schema {

struct PostgresqlSql {
    std::string sql;
    /// True when `sql` holds CREATE INDEX CONCURRENTLY (an index on a table that exists
    /// already, so that writes go on while it builds): the revision must be
    /// `transactional: false`, as PostgreSQL refuses it inside a transaction.
    bool concurrently = false;
    /// Comments for the developer (likely renames, enum rebuilds), also written into `sql`.
    std::vector<std::string> notes;
};

/// The SQL of `operations` (diff(from, to)), each statement ending ";\n".
PostgresqlSql render_postgresql(const std::vector<Operation>& operations, const Schema& from, const Schema& to);

/// Both directions: render_postgresql(diff(from, to)) and render_postgresql(diff(to, from)).
struct PostgresqlMigration {
    PostgresqlSql upgrade;
    PostgresqlSql downgrade;
};
PostgresqlMigration render_postgresql_migration(const Schema& from, const Schema& to);

}  // namespace migrations::schema
