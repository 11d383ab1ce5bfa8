// @brief The version table on PostgreSQL: its DDL and DML, in the connection's current schema
// or a given one, with quoted identifiers. Same columns as the SQLite backend's:
// revision TEXT PRIMARY KEY, checksum TEXT, state TEXT ('applied' | 'pending'),
// applied_at TEXT (UTC ISO-8601, written by the runtime), duration_ms DOUBLE PRECISION.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::postgresql {

/// One row as read, valid only during the visitor call.
struct VersionRow {
    std::string_view revision;
    std::string_view checksum;
    std::string_view state;
    std::string_view applied_at;
    double duration_ms;
};

class VersionTable {
public:
    /// The table `table` in `schema`, or in the connection's current schema (the first of its
    /// search_path that exists) when `schema` is empty. Names are used as given (quoted), so
    /// they are case-sensitive; the caller validates them.
    VersionTable(std::string schema, std::string table);

    const std::string& schema() const noexcept { return schema_; }
    const std::string& table() const noexcept { return table_; }
    /// `"schema"."table"`, or `"table"` without a schema until resolve(): what the SQL names.
    const std::string& qualified_name() const noexcept { return qualified_; }

    /// Reads every row in one query, calling `visit` per row. With `details`, every column, in
    /// byte order of revision (as the SQLite backend's table returns them); without (the fast
    /// path), revision, checksum and state only, unordered, applied_at empty and duration 0.
    /// Returns false without calling `visit` when the table (or its schema) does not exist.
    /// Throws DatabaseError otherwise.
    bool read(PGconn* connection, const std::function<void(const VersionRow&)>& visit, bool details = true) const;

    /// Creates the table (and a given schema) when missing. Throws DatabaseError.
    void create(PGconn* connection) const;

    /// Inserts the row of `row.revision`, or replaces it. Throws DatabaseError.
    void write(PGconn* connection, const VersionRow& row) const;

    /// Inserts or replaces several rows in as few statements as possible (one per 1,000 rows).
    /// Throws DatabaseError.
    void write(PGconn* connection, const std::vector<VersionRow>& rows) const;

    /// Deletes the row of `revision`; no error when there is none. Throws DatabaseError.
    void erase(PGconn* connection, std::string_view revision) const;

    /// The schema the table is (or would be created) in: schema() when given; else the schema
    /// of the table an unqualified name finds on the connection's search_path (where it
    /// exists); else current_schema(), where CREATE TABLE puts it ("" when the search_path
    /// names no existing schema). One query, none when the schema is given. Throws
    /// DatabaseError.
    std::string resolved_schema(PGconn* connection) const;

    /// Resolves the schema once (resolved_schema) and from then on names the table
    /// schema-qualified in every statement, so that sessions with different search_paths
    /// read, write and lock the same table. Returns the schema; later calls return it without
    /// a query. Throws DatabaseError.
    const std::string& resolve(PGconn* connection);

    /// The CREATE statement, e.g. for the offline script.
    std::string create_sql() const;

private:
    void name(const std::string& schema);

    std::string schema_;
    std::string table_;
    std::string qualified_;
    std::string select_sql_;
    std::string select_state_sql_;
    std::string write_sql_;
    std::string erase_sql_;
    std::string resolved_schema_;
    bool resolved_ = false;
};

}  // namespace migrations::postgresql
