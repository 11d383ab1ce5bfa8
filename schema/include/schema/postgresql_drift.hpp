// @brief Drift detection on PostgreSQL for `check()`: the live schema against the schema the
// applied revisions produce when replayed in a scratch database on the same server.
#pragma once

#include "schema/postgresql_introspect.hpp"
#include "schema/script.hpp"

#include <string>
#include <vector>

typedef struct pg_conn PGconn;

namespace migrations::schema {

/// Replays the upgrades of `applied` (in application order) into a ScratchDatabase created on
/// `live`'s server, introspects it and `live` with `options`, and returns describe_drift()'s
/// lines (drift.hpp): "table 'todos': column 'note' is in the database but no revision
/// creates it", "index 'todos_done' is missing from the database", ... Throws SchemaError when
/// a revision fails to replay (its message is the diagnostic) or the server fails.
std::vector<std::string> detect_postgresql_drift(PGconn* live, const std::vector<RevisionScript>& applied,
                                                 const PostgresqlIntrospectOptions& options = {});

}  // namespace migrations::schema
