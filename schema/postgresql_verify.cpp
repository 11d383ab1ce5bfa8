// @brief VERIFY on PostgreSQL: upgrade, downgrade and upgrade again in a scratch database.
#include "schema/postgresql_verify.hpp"

#include "schema/postgresql_scratch.hpp"
#include "schema/postgresql_script.hpp"
#include "schema/sqlite_handle.hpp"
#include "schema/verify.hpp"

#include <memory>
#include <string_view>

namespace migrations::schema {

std::vector<std::string> verify_postgresql_revisions(PGconn* server, const std::vector<RevisionScript>& revisions,
                                                     const PostgresqlIntrospectOptions& options) {
    std::vector<std::string> diagnostics;
    auto db = std::make_unique<ScratchDatabase>(server);
    // A fresh database holding the upgrades of revisions [0, count).
    auto rebuild = [&](std::size_t count) {
        db.reset();
        db = std::make_unique<ScratchDatabase>(server);
        const std::vector<RevisionScript> prefix(revisions.begin(),
                                                 revisions.begin() + static_cast<std::ptrdiff_t>(count));
        if (auto failure = replay_postgresql_upgrades(db->get(), prefix)) throw SchemaError(*failure);
    };
    auto fail = [&](const RevisionScript& revision, std::uint32_t line, std::string_view what, std::string_view how,
                    std::string_view detail) {
        std::string message(what);
        message.append(" of ").append(revision.id).append(" ").append(how).append(": ").append(detail);
        diagnostics.push_back(format_diagnostic(revision.file, line, message));
    };
    for (std::size_t i = 0; i < revisions.size(); ++i) {
        const RevisionScript& revision = revisions[i];
        const Schema before = introspect_postgresql(db->get(), options);
        if (auto failure = run_postgresql_section(db->get(), revision, revision.upgrade, "upgrade")) {
            fail(revision, failure->line, "upgrade", "failed", failure->message);
            return diagnostics;
        }
        if (revision.irreversible) continue;
        const Schema after = introspect_postgresql(db->get(), options);
        if (auto failure = run_postgresql_section(db->get(), revision, revision.downgrade, "downgrade")) {
            fail(revision, failure->line, "downgrade", "failed", failure->message);
            rebuild(i + 1);
        } else if (auto restore = describe_restore_differences(before, introspect_postgresql(db->get(), options));
                   !restore.empty()) {
            fail(revision, revision.downgrade.line(), "downgrade", "does not restore the schema", restore);
            rebuild(i + 1);
        } else if (auto again = run_postgresql_section(db->get(), revision, revision.upgrade, "upgrade")) {
            fail(revision, again->line, "upgrade", "failed after its downgrade", again->message);
            rebuild(i + 1);
        } else if (auto repeat = describe_restore_differences(after, introspect_postgresql(db->get(), options));
                   !repeat.empty()) {
            fail(revision, revision.upgrade.line(), "upgrade", "after its downgrade does not give the same schema",
                 repeat);
            rebuild(i + 1);
        }
    }
    return diagnostics;
}

}  // namespace migrations::schema
