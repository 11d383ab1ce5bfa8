// @brief `migrations autogenerate --dialect postgresql --dev-database URL`: the revision that
// takes the schema the revisions build to the schema a DDL file describes, both built in
// scratch databases on a real server (the dev database), in both directions.
#pragma once

#include "schema/autogenerate.hpp"
#include "schema/postgresql_introspect.hpp"
#include "schema/script.hpp"

#include <string>
#include <vector>

typedef struct pg_conn PGconn;

namespace migrations::schema {

struct PostgresqlAutogenerateResult {
    /// As for SQLite (autogenerate.hpp); `upgrade`/`downgrade` are PostgreSQL SQL
    /// (postgresql_render.hpp), `notes` its NOTE comments.
    AutogenerateResult result;
    /// False when the upgrade or the downgrade builds an index CONCURRENTLY: the revision must
    /// be `transactional: false`.
    bool transactional = true;
};

/// Replays the upgrades of `revisions` (PostgreSQL sections, in application order) into one
/// ScratchDatabase on `server`'s server, runs `desired_ddl` (read from `desired_file`, which
/// names it in diagnostics: "schema.sql:3: error: syntax error at or near \"TABEL\"") into a
/// second, and renders the difference. Throws SchemaError only when the server fails.
PostgresqlAutogenerateResult autogenerate_postgresql(PGconn* server, const std::vector<RevisionScript>& revisions,
                                                     const std::string& desired_ddl, const std::string& desired_file,
                                                     const PostgresqlIntrospectOptions& options = {});

}  // namespace migrations::schema
