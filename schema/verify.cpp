// @brief Build-time verification: upgrade, downgrade and upgrade again, revision by revision.
#include "schema/verify.hpp"

#include "schema/diff.hpp"
#include "schema/snapshot.hpp"
#include "schema/sqlite_handle.hpp"

#include <string_view>

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

std::string differences(const SchemaSnapshot& expected, sqlite3* db, const IntrospectOptions& options) {
    if (take_snapshot(db, options) == expected) return {};
    return describe_restore_differences(model_of(expected, options), introspect(db, options));
}

std::string describe_restore_differences(const Schema& expected, const Schema& actual) {
    std::string out;
    for (const Operation& op : diff(expected, actual)) {
        if (!reported(op)) continue;
        std::string line = target(op);
        if (op.kind == OperationKind::alter_column || op.kind == OperationKind::alter_object || op.changed)
            line += " changed (" + change_detail(op) + ")";
        else
            line += is_addition(op.kind) ? " is still present" : " is missing";
        out += (out.empty() ? "" : "; ") + line;
    }
    return out;
}

std::vector<std::string> verify_revisions(const std::vector<RevisionScript>& revisions,
                                          const IntrospectOptions& options) {
    std::vector<std::string> diagnostics;
    Database db;
    // The message from its pieces: "<what> of <id> <how>[: <detail>]".
    auto fail = [&](const RevisionScript& revision, std::uint32_t line, std::string_view what, std::string_view how,
                    std::string_view detail) {
        std::string message(what);
        message.append(" of ").append(revision.id).append(" ").append(how).append(": ").append(detail);
        diagnostics.push_back(format_diagnostic(revision.file, line, message));
    };
    for (std::size_t i = 0; i < revisions.size(); ++i) {
        const RevisionScript& revision = revisions[i];
        const SchemaSnapshot before = take_snapshot(db.get(), options);
        if (auto failure = run_revision_section(db.get(), revision.upgrade)) {
            fail(revision, failure->line, "upgrade", "failed", failure->message);
            return diagnostics;
        }
        if (revision.irreversible) continue;
        const SchemaSnapshot after = take_snapshot(db.get(), options);
        if (auto failure = run_revision_section(db.get(), revision.downgrade)) {
            fail(revision, failure->line, "downgrade", "failed", failure->message);
            db = rebuilt(revisions, i + 1);
        } else if (auto restore = differences(before, db.get(), options); !restore.empty()) {
            fail(revision, revision.downgrade.line(), "downgrade", "does not restore the schema", restore);
            db = rebuilt(revisions, i + 1);
        } else if (auto again = run_revision_section(db.get(), revision.upgrade)) {
            fail(revision, again->line, "upgrade", "failed after its downgrade", again->message);
            db = rebuilt(revisions, i + 1);
        } else if (auto repeat = differences(after, db.get(), options); !repeat.empty()) {
            fail(revision, revision.upgrade.line(), "upgrade", "after its downgrade does not give the same schema",
                 repeat);
            db = rebuilt(revisions, i + 1);
        }
    }
    return diagnostics;
}

}  // namespace migrations::schema
