// @brief `check`: is the database at head with nothing modified, and (SQLite) does its schema
// match what the applied revisions produce? In a file of its own because the drift comparison
// pulls in the schema model: a program that never calls check() (or run_cli) does not link it.
#include "backend_registry.hpp"
#include "migrator.hpp"
#include "sqlite/sqlite_backend.hpp"

#include <migrations/operations.hpp>

namespace migrations {
namespace detail {

CheckResult Migrator::check() {
    const DbState state = read();
    CheckResult result;
    if (!state.unknown.empty()) {
        std::string text;
        for (const auto& id : state.unknown) text += (text.empty() ? "" : ", ") + id;
        result.problems.push_back("unknown to this binary (database is newer): " + text);
    }
    if (!state.mismatched.empty())
        result.problems.push_back("edited after applied: " + join_ids(catalog_, state.mismatched) +
                                  " (restore the file, or accept the edit with " +
                                  suggested_command(options_, "repair") + ")");
    if (!state.pending.empty())
        result.problems.push_back("interrupted (pending): " + join_ids(catalog_, state.pending));
    std::vector<graph::Index> missing;
    for (graph::Index i = 0; i < catalog_.size(); ++i) {
        if (!state.applied[i]) missing.push_back(i);
    }
    if (!missing.empty()) {
        result.problems.push_back(std::to_string(missing.size()) +
                                  " revision(s) not applied: " + join_ids(catalog_, missing));
    }
    // Only when the rows are trustworthy: an unknown, edited or pending revision means the SQL
    // that ran is not the catalog's, and that problem is already reported.
    if (options_.check_schema && state.trusted()) {
        std::vector<std::size_t> applied;  // catalog order is topological: an application order
        for (graph::Index i = 0; i < catalog_.size(); ++i) {
            if (state.applied[i]) applied.push_back(i);
        }
        // SQLite's is called here, not through a virtual, so that the schema model is linked
        // only into programs that check; PostgreSQL's is a SchemaDriftCheck (backend.hpp).
        std::vector<std::string> drift;
        if (auto* sqlite = dynamic_cast<SqliteBackend*>(&backend_))
            drift = sqlite->schema_drift(catalog_, applied, options_.drift_exclude);
        else if (auto* other = dynamic_cast<SchemaDriftCheck*>(&backend_))
            drift = other->schema_drift(catalog_, applied, options_.drift_exclude);
        for (const std::string& difference : drift) {
            result.problems.push_back("schema drift: " + difference);
        }
    }
    result.ok = result.problems.empty();
    return result;
}

}  // namespace detail

using detail::Migrator;
using detail::SqliteBackend;

CheckResult check(sqlite3* db, const Catalog& catalog, const Options& options) {
    SqliteBackend backend(db, options);
    return Migrator(backend, catalog, options).check();
}

CheckResult check(std::string_view url, const Catalog& catalog, const Options& options) {
    const auto backend = detail::open_backend(url, options, detail::Access::read);
    return Migrator(*backend, catalog, options).check();
}

}  // namespace migrations
