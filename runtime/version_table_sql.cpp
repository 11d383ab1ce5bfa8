// @brief The version table's SQL per dialect (see version_table_sql.hpp).
#include "version_table_sql.hpp"

namespace migrations::detail {

namespace {

std::string quote_literal(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

std::string quote_name(std::string_view name) {
    std::string out = "\"";
    out += name;
    return out + "\"";
}

const char* now_expression(Dialect dialect) {
    return dialect == Dialect::sqlite ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                                      : "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

}  // namespace

std::string qualified_version_table(std::string_view schema, std::string_view table) {
    return schema.empty() ? quote_name(table) : quote_name(schema) + "." + quote_name(table);
}

std::string create_version_table_sql(Dialect dialect, std::string_view qualified) {
    std::string sql = "CREATE TABLE IF NOT EXISTS ";
    sql += qualified;
    sql +=
        " (revision TEXT PRIMARY KEY NOT NULL, checksum TEXT NOT NULL,"
        " state TEXT NOT NULL CHECK (state IN ('applied', 'pending')), applied_at TEXT NOT NULL, duration_ms ";
    sql += dialect == Dialect::sqlite ? "REAL NOT NULL) WITHOUT ROWID" : "DOUBLE PRECISION NOT NULL)";
    return sql;
}

std::string create_schema_sql(std::string_view schema) { return "CREATE SCHEMA IF NOT EXISTS " + quote_name(schema); }

std::string insert_applied_row_sql(Dialect dialect, std::string_view qualified, std::string_view revision,
                                   std::string_view checksum) {
    std::string sql = "INSERT INTO ";
    sql += qualified;
    sql += " (revision, checksum, state, applied_at, duration_ms) VALUES (" + quote_literal(revision) + ", " +
           quote_literal(checksum) + ", 'applied', " + now_expression(dialect) + ", 0)";
    return sql;
}

std::string delete_row_sql(std::string_view qualified, std::string_view revision) {
    std::string sql = "DELETE FROM ";
    sql += qualified;
    return sql + " WHERE revision = " + quote_literal(revision);
}

}  // namespace migrations::detail
