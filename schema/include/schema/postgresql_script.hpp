// @brief Revision sections run on a PostgreSQL connection, failures as the schema engines'
// SqlFailure (the line of the failing statement in the revision file).
#pragma once

#include "schema/script.hpp"

#include <optional>
#include <string>
#include <vector>

typedef struct pg_conn PGconn;

namespace migrations::schema {

/// Runs `section` of `revision` ("upgrade" or "downgrade" is `direction`) on `connection`,
/// one statement at a time (as psql does: CREATE INDEX CONCURRENTLY works, and a scratch
/// database needs no atomicity). Returns the first failure: the statement's line (or the
/// server's error position) and the server's message (its DETAIL, HINT and CONTEXT on indented
/// lines after it, as the runtime prints them); nothing when every statement ran.
std::optional<SqlFailure> run_postgresql_section(PGconn* connection, const RevisionScript& revision,
                                                 const RevisionSection& section, const char* direction);

/// Runs the upgrade of each revision in order. Returns the diagnostic of the first failing
/// statement ("<file>:<line>: error: upgrade of <id> failed: <message>"), or nothing.
std::optional<std::string> replay_postgresql_upgrades(PGconn* connection, const std::vector<RevisionScript>& revisions);

}  // namespace migrations::schema
