// @brief The public operations on a database named by URL, and the offline heads().
#include "backend_registry.hpp"
#include "migrator.hpp"

#include <migrations/operations.hpp>

namespace migrations {

using detail::Migrator;
using detail::open_backend;

UpgradeResult upgrade(std::string_view url, const Catalog& catalog, std::string_view target, const Options& options) {
    const auto backend = open_backend(url, options);
    return Migrator(*backend, catalog, options).upgrade(target);
}

DowngradeResult downgrade(std::string_view url, const Catalog& catalog, std::string_view target,
                          const Options& options) {
    const auto backend = open_backend(url, options);
    return Migrator(*backend, catalog, options).downgrade(target);
}

MigrationResult stamp(std::string_view url, const Catalog& catalog, std::string_view target, const Options& options) {
    const auto backend = open_backend(url, options);
    return Migrator(*backend, catalog, options).stamp(target);
}

RepairResult repair(std::string_view url, const Catalog& catalog, const Options& options) {
    const auto backend = open_backend(url, options);
    return Migrator(*backend, catalog, options).repair();
}

std::vector<std::string> current(std::string_view url, const Catalog& catalog, const Options& options) {
    const auto backend = open_backend(url, options, detail::Access::read);
    return Migrator(*backend, catalog, options).current();
}

std::vector<RevisionStatus> history(std::string_view url, const Catalog& catalog, const Options& options) {
    const auto backend = open_backend(url, options, detail::Access::read);
    return Migrator(*backend, catalog, options).history();
}

std::vector<AppliedRevision> applied_revisions(std::string_view url, const Options& options) {
    const auto backend = open_backend(url, options, detail::Access::read);
    const Catalog empty;
    return Migrator(*backend, empty, options).rows();
}

std::vector<std::string> heads(const Catalog& catalog) {
    const detail::Planner planner(catalog);
    std::vector<std::string> result;
    for (auto i : planner.graph().heads()) result.emplace_back(catalog[i].id);
    return result;
}

}  // namespace migrations
