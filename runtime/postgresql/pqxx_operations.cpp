// @brief The libpqxx adapter: the public operations on a pqxx connection, each handing the
// connection's PGconn* (raw_connection.hpp) to the PGconn* overload (postgresql_operations.cpp).
#include "postgresql/raw_connection.hpp"

#include <migrations/postgresql.hpp>

namespace migrations {

using postgresql::raw_connection;

UpgradeResult upgrade(PqxxConnection& connection, const Catalog& catalog, std::string_view target,
                      const Options& options) {
    return upgrade(raw_connection(connection), catalog, target, options);
}

DowngradeResult downgrade(PqxxConnection& connection, const Catalog& catalog, std::string_view target,
                          const Options& options) {
    return downgrade(raw_connection(connection), catalog, target, options);
}

MigrationResult stamp(PqxxConnection& connection, const Catalog& catalog, std::string_view target,
                      const Options& options) {
    return stamp(raw_connection(connection), catalog, target, options);
}

RepairResult repair(PqxxConnection& connection, const Catalog& catalog, const Options& options) {
    return repair(raw_connection(connection), catalog, options);
}

std::vector<std::string> current(PqxxConnection& connection, const Catalog& catalog, const Options& options) {
    return current(raw_connection(connection), catalog, options);
}

std::vector<RevisionStatus> history(PqxxConnection& connection, const Catalog& catalog, const Options& options) {
    return history(raw_connection(connection), catalog, options);
}

std::vector<AppliedRevision> applied_revisions(PqxxConnection& connection, const Options& options) {
    return applied_revisions(raw_connection(connection), options);
}

CheckResult check(PqxxConnection& connection, const Catalog& catalog, const Options& options) {
    return check(raw_connection(connection), catalog, options);
}

}  // namespace migrations
