// @brief Autogenerate on PostgreSQL: two scratch databases, introspected, diffed and rendered.
#include "schema/postgresql_autogenerate.hpp"

#include "schema/diff.hpp"
#include "schema/postgresql_render.hpp"
#include "schema/postgresql_scratch.hpp"
#include "schema/postgresql_script.hpp"

namespace migrations::schema {

PostgresqlAutogenerateResult autogenerate_postgresql(PGconn* server, const std::vector<RevisionScript>& revisions,
                                                     const std::string& desired_ddl, const std::string& desired_file,
                                                     const PostgresqlIntrospectOptions& options) {
    PostgresqlAutogenerateResult out;
    ScratchDatabase current(server);
    if (auto failure = replay_postgresql_upgrades(current.get(), revisions)) {
        out.result.diagnostics.push_back(*failure);
        return out;
    }
    ScratchDatabase desired(server);
    RevisionScript schema_file;
    schema_file.id = "schema";
    schema_file.file = desired_file;
    schema_file.upgrade = {desired_ddl, 1, 0};
    if (auto failure = run_postgresql_section(desired.get(), schema_file, schema_file.upgrade, "upgrade")) {
        out.result.diagnostics.push_back(format_diagnostic(desired_file, failure->line, failure->message));
        return out;
    }
    const Schema from = introspect_postgresql(current.get(), options);
    const Schema to = introspect_postgresql(desired.get(), options);
    const std::vector<Operation> operations = diff(from, to);
    for (const Operation& op : operations)
        if (!op.dependency) out.result.changes.push_back(describe(op));
    if (out.result.changes.empty()) {
        out.result.nothing_to_do = true;
        return out;
    }
    const PostgresqlSql upgrade = render_postgresql(operations, from, to);
    const PostgresqlSql downgrade = render_postgresql(diff(to, from), to, from);
    out.result.upgrade = upgrade.sql;
    out.result.downgrade = downgrade.sql;
    out.result.notes = upgrade.notes;
    out.transactional = !upgrade.concurrently && !downgrade.concurrently;
    return out;
}

}  // namespace migrations::schema
