// @brief `migrations autogenerate`: diff the revisions' schema against a DDL file.
#include "schema/autogenerate.hpp"

#include "schema/diff.hpp"
#include "schema/sqlite_handle.hpp"
#include "schema/sqlite_render.hpp"

namespace migrations::schema {

AutogenerateResult autogenerate(const std::vector<RevisionScript>& revisions, const std::string& desired_ddl,
                                const std::string& desired_file, const IntrospectOptions& options) {
    AutogenerateResult result;
    Database current;
    if (auto failure = replay_upgrades(current.get(), revisions)) result.diagnostics.push_back(*failure);
    Database desired;
    if (auto failure = run_script(desired.get(), desired_ddl, 1))
        result.diagnostics.push_back(format_diagnostic(desired_file, failure->line, failure->message));
    if (!result.diagnostics.empty()) return result;

    const Schema from = introspect(current.get(), options);
    const Schema to = introspect(desired.get(), options);
    for (const Operation& op : diff(from, to)) {
        if (reported(op)) result.changes.push_back(describe(op));
    }
    Migration migration = render_migration(from, to);
    result.nothing_to_do = migration.empty();
    result.upgrade = std::move(migration.upgrade);
    result.downgrade = std::move(migration.downgrade);
    result.notes = std::move(migration.notes);
    return result;
}

}  // namespace migrations::schema
