// @brief The bridge from the generator's validated revisions to the schema engines
// (schema/verify.hpp, schema/autogenerate.hpp): a RevisionSet's SQLite sections as
// RevisionScripts, and the verification `generate --verify` and `verify` run.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "revision_set.hpp"
#include "schema/postgresql_autogenerate.hpp"
#include "schema/script.hpp"

namespace migrations::generator {

/// The sections of `dialect` (the `-- upgrade: <dialect>` section, else the generic one) of
/// every revision of `set`, in its topological order, which is an order they can be applied in:
/// the catalog of `set` (make_catalog, the serializer) through the runtime's adapter
/// (detail::scripts_of), so that the schema engines read what a built binary carries. Files
/// are named by RevisionFile::path, as the loader's diagnostics name them.
std::vector<schema::RevisionScript> scripts_for(const RevisionSet& set, Dialect dialect);

/// scripts_for(set, Dialect::sqlite).
std::vector<schema::RevisionScript> sqlite_scripts(const RevisionSet& set);

/// Replays upgrade, downgrade, upgrade of every revision of `set` on an in-memory SQLite
/// (schema::verify_revisions). Returns the `file:line: error: message` lines, empty when every
/// revision runs and every downgrade restores the schema its upgrade started from. An SQLite
/// failure outside the revisions' SQL becomes one diagnostic too.
std::vector<std::string> verify_sqlite(const RevisionSet& set);

/// VERIFY on a PostgreSQL server: given the PostgreSQL scripts and a connection string,
/// returns verify_sqlite()'s kind of lines. Registered by generator/postgresql_verify.cpp,
/// which only a tool built with the PostgreSQL backend links (so the generator library never
/// links libpq); nullptr otherwise.
using PostgresqlVerifier = std::vector<std::string> (*)(const std::vector<schema::RevisionScript>& scripts,
                                                        const std::string& url);
PostgresqlVerifier& postgresql_verifier();

/// `autogenerate --dialect postgresql`: given the PostgreSQL scripts, the desired DDL and its
/// file name, and the dev database's connection string, schema::autogenerate_postgresql() on
/// that server. Throws schema::SchemaError when it cannot connect or the server fails.
/// Registered like the verifier; nullptr in a tool built without PostgreSQL.
using PostgresqlAutogenerator = schema::PostgresqlAutogenerateResult (*)(
    const std::vector<schema::RevisionScript>& scripts, const std::string& desired_ddl, const std::string& desired_file,
    const std::string& url);
PostgresqlAutogenerator& postgresql_autogenerator();

/// Where `verify --database` / `generate --verify-database` VALUE points: VALUE itself when it
/// is a connection string (it contains "://" or "="), else the environment variable VALUE names;
/// "" when that variable is unset or empty (VERIFY on PostgreSQL is then skipped).
std::string verify_database_url(const std::string& value);

/// VERIFY on PostgreSQL of `set`'s PostgreSQL sections on the server verify_database_url(value)
/// names. When there is none, writes to `out` "VERIFY on PostgreSQL skipped: <why>" (the
/// variable is unset or empty) and returns nothing; a tool built without PostgreSQL returns
/// one diagnostic saying so. Otherwise returns the verifier's lines (empty when verified).
std::optional<std::vector<std::string>> verify_postgresql(const RevisionSet& set, const std::string& value,
                                                          std::ostream& out);

}  // namespace migrations::generator
