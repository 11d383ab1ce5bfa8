// @brief The public operations on an open sqlite3 connection: a borrowed backend plus the migrator.
#include "migrator.hpp"
#include "sqlite/sqlite_backend.hpp"

#include <migrations/operations.hpp>

namespace migrations {

using detail::Migrator;
using detail::SqliteBackend;

UpgradeResult upgrade(sqlite3* db, const Catalog& catalog, std::string_view target, const Options& options) {
    SqliteBackend backend(db, options);
    return Migrator(backend, catalog, options).upgrade(target);
}

DowngradeResult downgrade(sqlite3* db, const Catalog& catalog, std::string_view target, const Options& options) {
    SqliteBackend backend(db, options);
    return Migrator(backend, catalog, options).downgrade(target);
}

MigrationResult stamp(sqlite3* db, const Catalog& catalog, std::string_view target, const Options& options) {
    SqliteBackend backend(db, options);
    return Migrator(backend, catalog, options).stamp(target);
}

RepairResult repair(sqlite3* db, const Catalog& catalog, const Options& options) {
    SqliteBackend backend(db, options);
    return Migrator(backend, catalog, options).repair();
}

std::vector<std::string> current(sqlite3* db, const Catalog& catalog, const Options& options) {
    SqliteBackend backend(db, options);
    return Migrator(backend, catalog, options).current();
}

std::vector<RevisionStatus> history(sqlite3* db, const Catalog& catalog, const Options& options) {
    SqliteBackend backend(db, options);
    return Migrator(backend, catalog, options).history();
}

std::vector<AppliedRevision> applied_revisions(sqlite3* db, const Options& options) {
    SqliteBackend backend(db, options);
    const Catalog empty;
    return Migrator(backend, empty, options).rows();
}

}  // namespace migrations
