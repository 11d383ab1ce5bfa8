// @brief Reading and writing the PostgreSQL version table.
#include "postgresql/version_table.hpp"

#include "postgresql/libpq_query.hpp"
#include "version_table_sql.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace migrations::postgresql {

VersionTable::VersionTable(std::string schema, std::string table)
    : schema_(std::move(schema)), table_(std::move(table)), resolved_schema_(schema_), resolved_(!schema_.empty()) {
    name(schema_);
}

void VersionTable::name(const std::string& schema) {
    qualified_ = schema.empty() ? quote_identifier(table_) : quote_identifier(schema) + "." + quote_identifier(table_);
    select_sql_ = "SELECT revision, checksum, state, applied_at, duration_ms FROM " + qualified_ +
                  " ORDER BY revision COLLATE \"C\"";
    select_state_sql_ = "SELECT revision, checksum, state FROM " + qualified_;
    write_sql_ = "INSERT INTO " + qualified_ +
                 " (revision, checksum, state, applied_at, duration_ms) VALUES ($1, $2, $3, $4, $5::double precision)"
                 " ON CONFLICT (revision) DO UPDATE SET checksum = EXCLUDED.checksum, state = EXCLUDED.state,"
                 " applied_at = EXCLUDED.applied_at, duration_ms = EXCLUDED.duration_ms";
    erase_sql_ = "DELETE FROM " + qualified_ + " WHERE revision = $1";
}

std::string VersionTable::create_sql() const {
    return detail::create_version_table_sql(Dialect::postgresql, qualified_);
}

bool VersionTable::read(PGconn* connection, const std::function<void(const VersionRow&)>& visit, bool details) const {
    try {
        const QueryResult result = query(connection, details ? select_sql_ : select_state_sql_);
        for (int row = 0; row < result.rows(); ++row) {
            if (!details) {
                visit(VersionRow{result.value(row, 0), result.value(row, 1), result.value(row, 2), {}, 0});
                continue;
            }
            const std::string duration(result.value(row, 4));
            visit(VersionRow{result.value(row, 0), result.value(row, 1), result.value(row, 2), result.value(row, 3),
                             std::strtod(duration.c_str(), nullptr)});
        }
        return true;
    } catch (const DatabaseError& error) {
        // 42P01 undefined_table; 3F000 invalid_schema_name (a given schema not created yet).
        if (error.sqlstate() == "42P01" || error.sqlstate() == "3F000") return false;
        throw;
    }
}

void VersionTable::create(PGconn* connection) const {
    if (!schema_.empty()) query(connection, detail::create_schema_sql(schema_));
    query(connection, create_sql());
}

void VersionTable::write(PGconn* connection, const VersionRow& row) const {
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3f", row.duration_ms);
    query(connection, write_sql_,
          {std::string(row.revision), std::string(row.checksum), std::string(row.state), std::string(row.applied_at),
           duration});
}

void VersionTable::write(PGconn* connection, const std::vector<VersionRow>& rows) const {
    constexpr std::size_t kRowsPerStatement = 1000;  // 5,000 parameters, under libpq's 65,535
    for (std::size_t first = 0; first < rows.size(); first += kRowsPerStatement) {
        const std::size_t last = std::min(rows.size(), first + kRowsPerStatement);
        std::string sql = "INSERT INTO " + qualified_ + " (revision, checksum, state, applied_at, duration_ms) VALUES ";
        std::vector<std::string> parameters;
        parameters.reserve(5 * (last - first));
        for (std::size_t i = first; i < last; ++i) {
            const std::size_t n = parameters.size();
            sql += (i == first ? "($" : ", ($") + std::to_string(n + 1) + ", $" + std::to_string(n + 2) + ", $" +
                   std::to_string(n + 3) + ", $" + std::to_string(n + 4) + ", $" + std::to_string(n + 5) +
                   "::double precision)";
            char duration[32];
            std::snprintf(duration, sizeof duration, "%.3f", rows[i].duration_ms);
            parameters.insert(parameters.end(),
                              {std::string(rows[i].revision), std::string(rows[i].checksum), std::string(rows[i].state),
                               std::string(rows[i].applied_at), duration});
        }
        sql +=
            " ON CONFLICT (revision) DO UPDATE SET checksum = EXCLUDED.checksum, state = EXCLUDED.state,"
            " applied_at = EXCLUDED.applied_at, duration_ms = EXCLUDED.duration_ms";
        query(connection, sql, parameters);
    }
}

void VersionTable::erase(PGconn* connection, std::string_view revision) const {
    query(connection, erase_sql_, {std::string(revision)});
}

std::string VersionTable::resolved_schema(PGconn* connection) const {
    if (!schema_.empty()) return schema_;
    // As the unqualified name resolves (and as Alembic finds its table): the first schema of
    // the search_path holding the table; where none does, where CREATE TABLE would put it.
    const QueryResult result = query(connection,
                                     "SELECT coalesce((SELECT n.nspname FROM pg_catalog.pg_class c"
                                     " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                     " WHERE c.oid = pg_catalog.to_regclass($1)), current_schema())",
                                     {quote_identifier(table_)});
    return result.is_null(0, 0) ? std::string() : std::string(result.value(0, 0));
}

const std::string& VersionTable::resolve(PGconn* connection) {
    if (resolved_) return resolved_schema_;
    resolved_schema_ = resolved_schema(connection);
    name(resolved_schema_);
    resolved_ = true;
    return resolved_schema_;
}

}  // namespace migrations::postgresql
