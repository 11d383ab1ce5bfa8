// @brief Revision sections on PostgreSQL, through the backend's section runner.
#include "schema/postgresql_script.hpp"

#include "postgresql/section_runner.hpp"

namespace migrations::schema {

std::optional<SqlFailure> run_postgresql_section(PGconn* connection, const RevisionScript& revision,
                                                 const RevisionSection& section, const char* direction) {
    // Where PostgreSQL's parser split the section at build time, as the runtime's backend sends it.
    std::optional<std::vector<StatementRange>> statements;
    if (section.statements) {
        statements.emplace();
        statements->reserve(section.statements->size());
        for (const auto& [offset, size] : *section.statements) statements->push_back(StatementRange{offset, size});
    }
    try {
        postgresql::run_section(
            connection, section.sql,
            {revision.file, revision.id, direction, section.first_line, statements ? &*statements : nullptr},
            postgresql::Submission::one_statement_at_a_time);
        return std::nullopt;
    } catch (const postgresql::SectionError& error) {
        // The server's DETAIL/HINT/CONTEXT follow what()'s first line, indented: kept as they are.
        const std::string what = error.what();
        const std::size_t details = what.find('\n');
        return SqlFailure{error.line(),
                          error.server_message() + (details == std::string::npos ? "" : what.substr(details))};
    }
}

std::optional<std::string> replay_postgresql_upgrades(PGconn* connection,
                                                      const std::vector<RevisionScript>& revisions) {
    for (const RevisionScript& revision : revisions) {
        if (auto failure = run_postgresql_section(connection, revision, revision.upgrade, "upgrade"))
            return format_diagnostic(revision.file, failure->line,
                                     "upgrade of " + revision.id + " failed: " + failure->message);
    }
    return std::nullopt;
}

}  // namespace migrations::schema
