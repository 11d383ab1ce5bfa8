// @brief The public operations on an open libpq connection (PGconn*, the backend's contract): a
// borrowed backend plus the migrator. The libpqxx overloads forward here (pqxx_operations.cpp).
#include "migrator.hpp"
#include "postgresql/postgresql_backend.hpp"

#include "postgresql/conninfo.hpp"

#include <migrations/error.hpp>
#include <migrations/postgresql.hpp>

namespace migrations {

using detail::Migrator;
using detail::PostgresqlBackend;

UpgradeResult upgrade(PGconn* connection, const Catalog& catalog, std::string_view target, const Options& options) {
    PostgresqlBackend backend(connection, options);
    return Migrator(backend, catalog, options).upgrade(target);
}

DowngradeResult downgrade(PGconn* connection, const Catalog& catalog, std::string_view target, const Options& options) {
    PostgresqlBackend backend(connection, options);
    return Migrator(backend, catalog, options).downgrade(target);
}

MigrationResult stamp(PGconn* connection, const Catalog& catalog, std::string_view target, const Options& options) {
    PostgresqlBackend backend(connection, options);
    return Migrator(backend, catalog, options).stamp(target);
}

RepairResult repair(PGconn* connection, const Catalog& catalog, const Options& options) {
    PostgresqlBackend backend(connection, options);
    return Migrator(backend, catalog, options).repair();
}

std::vector<std::string> current(PGconn* connection, const Catalog& catalog, const Options& options) {
    PostgresqlBackend backend(connection, options);
    return Migrator(backend, catalog, options).current();
}

std::vector<RevisionStatus> history(PGconn* connection, const Catalog& catalog, const Options& options) {
    PostgresqlBackend backend(connection, options);
    return Migrator(backend, catalog, options).history();
}

std::vector<AppliedRevision> applied_revisions(PGconn* connection, const Options& options) {
    PostgresqlBackend backend(connection, options);
    const Catalog empty;
    return Migrator(backend, empty, options).rows();
}

CheckResult check(PGconn* connection, const Catalog& catalog, const Options& options) {
    PostgresqlBackend backend(connection, options);
    return Migrator(backend, catalog, options).check();
}

std::string postgresql_url(std::string_view connection_string) {
    if (postgresql::is_postgresql_url(connection_string)) return std::string(connection_string);
    if (!postgresql::is_keyword_conninfo(connection_string)) {
        throw Error(ErrorKind::bad_url,
                    "not a PostgreSQL connection string: '" + postgresql::redact_conninfo(connection_string) +
                        "' (expected postgresql://user@host:port/dbname or \"host=... dbname=...\")");
    }
    try {
        return postgresql::keyword_conninfo_to_url(connection_string);
    } catch (const postgresql::ConninfoError& error) {
        throw Error(ErrorKind::bad_url, error.what());
    }
}

std::string postgresql_sqlstate(int database_code) {
    if (database_code == 0) return {};
    std::string sqlstate;
    for (int i = 0; i < 5; ++i) {
        sqlstate += static_cast<char>(((static_cast<unsigned>(database_code) >> (6 * i)) & 0x3FU) + '0');
    }
    return sqlstate;
}

}  // namespace migrations
