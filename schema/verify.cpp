// @brief Build-time verification: upgrade, downgrade and upgrade again, revision by revision.
#include "schema/verify.hpp"

#include "schema/diff.hpp"
#include "schema/sqlite_handle.hpp"

namespace migrations::schema {
namespace {

std::string target(const Operation& op) {
    const Subject where = subject(op);
    if (where.table.empty()) return where.object;
    return "table '" + where.table + "'" + (where.object.empty() ? "" : " " + where.object);
}

/// A fresh database holding the upgrades of revisions [0, count).
Database rebuilt(const std::vector<RevisionScript>& revisions, std::size_t count) {
    Database db;
    const std::vector<RevisionScript> prefix(revisions.begin(), revisions.begin() + static_cast<std::ptrdiff_t>(count));
    if (auto failure = replay_upgrades(db.get(), prefix)) throw SchemaError(*failure);
    return db;
}

}  // namespace

std::string describe_restore_differences(const Schema& expected, const Schema& actual) {
    std::string out;
    for (const Operation& op : diff(expected, actual)) {
        if (op.dependency) continue;
        std::string line = target(op);
        if (op.kind == OperationKind::alter_column)
            line += " changed (" + change_detail(op) + ")";
        else
            line += is_addition(op.kind) ? " is still present" : " is missing";
        out += (out.empty() ? "" : "; ") + line;
    }
    return out;
}

std::vector<std::string> verify_revisions(const std::vector<RevisionScript>& revisions, const IntrospectOptions& options) {
    std::vector<std::string> diagnostics;
    Database db;
    for (std::size_t i = 0; i < revisions.size(); ++i) {
        const RevisionScript& revision = revisions[i];
        const Schema before = introspect(db.get(), options);
        if (auto failure = run_script(db.get(), revision.upgrade.sql, revision.upgrade.first_line)) {
            diagnostics.push_back(format_diagnostic(revision.file, failure->line,
                                                    "upgrade of " + revision.id + " failed: " + failure->message));
            return diagnostics;
        }
        if (revision.irreversible) continue;
        const Schema after = introspect(db.get(), options);
        if (auto failure = run_script(db.get(), revision.downgrade.sql, revision.downgrade.first_line)) {
            diagnostics.push_back(format_diagnostic(revision.file, failure->line,
                                                    "downgrade of " + revision.id + " failed: " + failure->message));
            db = rebuilt(revisions, i + 1);
            continue;
        }
        const Schema restored = introspect(db.get(), options);
        if (restored != before) {
            diagnostics.push_back(format_diagnostic(revision.file, revision.downgrade.line(),
                                                    "downgrade of " + revision.id + " does not restore the schema: " +
                                                        describe_restore_differences(before, restored)));
            db = rebuilt(revisions, i + 1);
            continue;
        }
        if (auto failure = run_script(db.get(), revision.upgrade.sql, revision.upgrade.first_line)) {
            diagnostics.push_back(format_diagnostic(
                revision.file, failure->line, "upgrade of " + revision.id + " failed after its downgrade: " + failure->message));
            db = rebuilt(revisions, i + 1);
            continue;
        }
        const Schema again = introspect(db.get(), options);
        if (again != after) {
            diagnostics.push_back(format_diagnostic(revision.file, revision.upgrade.line(),
                                                    "upgrade of " + revision.id +
                                                        " after its downgrade does not give the same schema: " +
                                                        describe_restore_differences(after, again)));
            db = rebuilt(revisions, i + 1);
        }
    }
    return diagnostics;
}

}  // namespace migrations::schema
