// @brief The offline script (`sql [FROM:]TO`), as `alembic upgrade --sql` prints it.
#include <migrations/error.hpp>
#include <migrations/operations.hpp>

#include "planner.hpp"
#include "postgresql/sql_lexer.hpp"
#include "version_table_sql.hpp"

namespace migrations {

namespace {

/// `sql` ending with a `;`, so that the version row's INSERT that follows is a statement of
/// its own even after `SELECT 1` or a `DO $$ ... $$` block without `;`, and whatever trailing
/// comment the section has: a `;` goes right after the last statement's last token when it is
/// not one. The last statement is where PostgreSQL's parser put it at build time (`statements`,
/// from the catalog); without that split (a section that does not run on PostgreSQL), the
/// PostgreSQL lexer finds the last token (comments left out): SQLite text lexes the same way
/// for this purpose (docs/migrations-tool.md).
std::string terminated(std::string sql, const std::optional<std::vector<StatementRange>>& statements) {
    if (statements) {
        if (statements->empty()) return sql;
        const std::size_t end = std::size_t{statements->back().offset} + statements->back().size;
        const std::size_t next = sql.find_first_not_of(" \t\r\n", end);
        if (next == std::string::npos || sql[next] != ';') sql.insert(end, ";");
        return sql;
    }
    const std::vector<postgresql::Token> tokens = postgresql::lex(sql);
    for (auto token = tokens.rbegin(); token != tokens.rend(); ++token) {
        if (token->kind == postgresql::TokenKind::comment) continue;
        if (token->kind != postgresql::TokenKind::semicolon) sql.insert(token->offset + token->length, ";");
        break;
    }
    return sql;
}

}  // namespace

std::string sql(const Catalog& catalog, std::string_view from, std::string_view to, Dialect dialect,
                const Options& options) {
    validate(options);
    const detail::Planner planner(catalog);
    detail::AppliedSet applied = planner.graph().ancestors(planner.resolve(from));
    const bool down = to == "base" || (!to.empty() && to.front() == '-') || to.find('-') != std::string_view::npos;
    std::vector<detail::Step> steps = down ? planner.downgrade(applied, to) : planner.upgrade(applied, to);
    if (!down && steps.empty()) steps = planner.downgrade(applied, to);

    // version_table_schema is PostgreSQL's (Options); SQLite has one schema per file.
    const std::string schema = dialect == Dialect::postgresql ? options.version_table_schema : std::string();
    const std::string table = detail::qualified_version_table(schema, options.version_table);
    std::string script = "-- " + std::string(catalog.name()) + ": " + std::string(from) + " -> " + std::string(to) +
                         " (" + dialect_name(dialect) + ")\n\nBEGIN;\n\n";
    if (!schema.empty()) script += detail::create_schema_sql(schema) + ";\n";
    script += detail::create_version_table_sql(dialect, table) + ";\n";
    bool in_transaction = true;
    for (const detail::Step& step : steps) {
        const RevisionSpec& revision = catalog[step.revision];
        const bool up = step.direction == Direction::upgrade;
        const std::optional<Section> section = detail::section_of(catalog, step, dialect);
        if (!revision.transactional && in_transaction) {
            script += "\nCOMMIT;\n";
            in_transaction = false;
        } else if (revision.transactional && !in_transaction) {
            script += "\nBEGIN;\n";
            in_transaction = true;
        }
        script += std::string("\n-- ") + (up ? "Running upgrade " : "Running downgrade ") + revision.id + ": " +
                  revision.message + " (" + revision.file + ")\n\n";
        std::string text = terminated(section->sql.str(), Catalog::statements(*section));
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        script += text + "\n\n";
        const char* checksum = revision.checksum[static_cast<std::size_t>(dialect)];
        script += (up ? detail::insert_applied_row_sql(dialect, table, revision.id, checksum ? checksum : "")
                      : detail::delete_row_sql(table, revision.id)) +
                  ";\n";
        // A commit boundary (ALTER TYPE ... ADD VALUE): what follows may use its effect.
        if (in_transaction && Catalog::commits_after(revision, up, dialect)) script += "\nCOMMIT;\nBEGIN;\n";
    }
    if (in_transaction) script += "\nCOMMIT;\n";
    return script;
}

}  // namespace migrations
