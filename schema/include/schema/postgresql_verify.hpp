// @brief VERIFY on PostgreSQL (`migrations verify --database URL`, add_migrations(...
// VERIFY_DATABASE)): every revision upgraded, downgraded and upgraded again in a scratch
// database on a real server; a downgrade must restore exactly the schema its upgrade started from.
#pragma once

#include "schema/postgresql_introspect.hpp"
#include "schema/script.hpp"

#include <string>
#include <vector>

typedef struct pg_conn PGconn;

namespace migrations::schema {

/// verify_revisions() (verify.hpp) on PostgreSQL: the same steps and the same diagnostics,
/// `revisions` holding the PostgreSQL sections, run in a ScratchDatabase created on `server`'s
/// server (dropped after; a fresh one after a failing downgrade or re-upgrade, rebuilt from
/// the upgrades alone). Schemas are compared as introspect_postgresql() models. Throws
/// SchemaError only when the server itself fails (cannot create the database, cannot read).
std::vector<std::string> verify_postgresql_revisions(PGconn* server, const std::vector<RevisionScript>& revisions,
                                                     const PostgresqlIntrospectOptions& options = {});

}  // namespace migrations::schema
