// @brief The offline script (`sql [FROM:]TO`), as `alembic upgrade --sql` prints it.
#include "planner.hpp"

#include <migrations/error.hpp>
#include <migrations/operations.hpp>

namespace migrations {

namespace {

std::string quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

std::string table_ddl(const std::string& table, Dialect dialect) {
    if (dialect == Dialect::sqlite) {
        return "CREATE TABLE IF NOT EXISTS " + table +
               " (revision TEXT PRIMARY KEY NOT NULL, checksum TEXT NOT NULL,"
               " state TEXT NOT NULL CHECK (state IN ('applied', 'pending')),"
               " applied_at TEXT NOT NULL, duration_ms REAL NOT NULL) WITHOUT ROWID;\n";
    }
    return "CREATE TABLE IF NOT EXISTS " + table +
           " (revision TEXT PRIMARY KEY NOT NULL, checksum TEXT NOT NULL,"
           " state TEXT NOT NULL CHECK (state IN ('applied', 'pending')),"
           " applied_at TEXT NOT NULL, duration_ms DOUBLE PRECISION NOT NULL);\n";
}

const char* now_expression(Dialect dialect) {
    return dialect == Dialect::sqlite ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                                      : "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
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

    const std::string table = "\"" + options.version_table + "\"";
    std::string script = "-- " + std::string(catalog.name()) + ": " + std::string(from) + " -> " + std::string(to) +
                         " (" + dialect_name(dialect) + ")\n\nBEGIN;\n\n" + table_ddl(table, dialect);
    bool in_transaction = true;
    for (const detail::Step& step : steps) {
        const RevisionSpec& revision = catalog[step.revision];
        const bool up = step.direction == Direction::upgrade;
        const Section* section =
            up ? Catalog::upgrade_section(revision, dialect) : Catalog::downgrade_section(revision, dialect);
        if (section == nullptr) {
            throw Error(ErrorKind::bad_catalog,
                        std::string("revision ") + revision.id + " (" + revision.file + ") has no " +
                            (up ? "upgrade" : "downgrade") + " section for " + dialect_name(dialect),
                        revision.id, revision.file);
        }
        if (!revision.transactional && in_transaction) {
            script += "\nCOMMIT;\n";
            in_transaction = false;
        } else if (revision.transactional && !in_transaction) {
            script += "\nBEGIN;\n";
            in_transaction = true;
        }
        script += std::string("\n-- ") + (up ? "Running upgrade " : "Running downgrade ") + revision.id + ": " +
                  revision.message + " (" + revision.file + ")\n\n";
        std::string text = section->sql.str();
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        script += text + "\n\n";
        if (up) {
            script += "INSERT INTO " + table + " (revision, checksum, state, applied_at, duration_ms) VALUES (" +
                      quote(revision.id) + ", " +
                      quote(revision.checksum[static_cast<std::size_t>(dialect)]
                                ? revision.checksum[static_cast<std::size_t>(dialect)]
                                : "") +
                      ", 'applied', " + now_expression(dialect) + ", 0);\n";
        } else {
            script += "DELETE FROM " + table + " WHERE revision = " + quote(revision.id) + ";\n";
        }
    }
    if (in_transaction) script += "\nCOMMIT;\n";
    return script;
}

}  // namespace migrations
