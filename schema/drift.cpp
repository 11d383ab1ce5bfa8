// @brief Drift detection: the live schema against the replayed revisions.
#include "schema/drift.hpp"

#include "schema/diff.hpp"
#include "schema/sqlite_handle.hpp"

namespace migrations::schema {

std::vector<std::string> describe_drift(const Schema& expected, const Schema& live) {
    std::vector<std::string> lines;
    for (const Operation& op : diff(expected, live)) {
        if (!reported(op)) continue;
        const Subject where = subject(op);
        std::string line = where.table.empty()    ? where.object
                           : where.object.empty() ? "table '" + where.table + "'"
                                                  : "table '" + where.table + "': " + where.object;
        if (op.kind == OperationKind::alter_column || op.kind == OperationKind::alter_object || op.changed)
            line += " differs from the revisions (" + change_detail(op) + ")";
        else if (is_addition(op.kind))
            line += " is in the database but no revision creates it";
        else
            line += " is missing from the database";
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> detect_drift(sqlite3* live, const std::vector<RevisionScript>& applied,
                                      const IntrospectOptions& options) {
    Database expected;
    if (auto failure = replay_upgrades(expected.get(), applied)) throw SchemaError(*failure);
    return describe_drift(introspect(expected.get(), options), introspect(live, options));
}

}  // namespace migrations::schema
