// @brief Reads a live PostgreSQL schema into the model: one pg_catalog query per object kind.
#include "schema/postgresql_introspect.hpp"

#include "schema/exclusion.hpp"
#include "schema/sql_text.hpp"
#include "schema/sqlite_handle.hpp"

#include "postgresql/libpq_query.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

namespace migrations::schema {
namespace {

using postgresql::QueryResult;

/// Runs of white space as one space, none at either end: the deparsers' line breaks and
/// indentation are layout, not meaning.
std::string squeeze(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// Not a member of an extension: the object whose oid is `oid` in catalog `catalog`.
std::string not_in_extension(const std::string& oid, const std::string& catalog) {
    return " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '" + catalog +
           "'::regclass AND dep.objid = " + oid + " AND dep.deptype = 'e')";
}

/// $1 is the schema's name.
const std::string kInSchema = "n.nspname = $1";

struct Reader {
    PGconn* connection;
    const PostgresqlIntrospectOptions& options;
    std::string schema;
    Schema result;
    std::map<std::string, std::size_t> tables;  // name -> index in result.tables

    /// Runs `sql`, with the schema's name as $1 when it uses it.
    QueryResult run(const std::string& sql) {
        try {
            if (sql.find("$1") == std::string::npos) return postgresql::query(connection, sql);
            return postgresql::query(connection, sql, {schema});
        } catch (const postgresql::DatabaseError& error) {
            throw SchemaError(std::string("cannot read the PostgreSQL schema: ") + error.what());
        }
    }

    bool excluded(std::string_view table) const {
        return std::any_of(options.excluded_tables.begin(), options.excluded_tables.end(),
                           [&](const std::string& name) { return same_name(name, std::string(table)); });
    }

    Table* table(std::string_view name) {
        const auto found = tables.find(std::string(name));
        return found == tables.end() ? nullptr : &result.tables[found->second];
    }

    void add(std::string kind, std::string name, std::string table, std::string_view definition) {
        result.objects.push_back({std::move(kind), std::move(name), std::move(table), squeeze(definition)});
    }

    void read_tables() {
        const QueryResult rows =
            run("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + kInSchema +
                " AND c.relkind IN ('r', 'p')" + not_in_extension("c.oid", "pg_class") + " ORDER BY c.relname");
        for (int row = 0; row < rows.rows(); ++row) {
            const std::string name(rows.value(row, 0));
            if (excluded(name)) continue;
            tables[name] = result.tables.size();
            result.tables.push_back({});
            result.tables.back().name = name;
        }
    }

    void read_columns() {
        const QueryResult rows = run(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            "pg_get_expr(d.adbin, d.adrelid), CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
            "a.attidentity, a.attgenerated "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_type t ON t.oid = a.atttypid "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
            "WHERE " +
            kInSchema +
            " AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY c.relname, a.attnum");
        for (int row = 0; row < rows.rows(); ++row) {
            Table* owner = table(rows.value(row, 0));
            if (owner == nullptr) continue;
            Column column;
            column.name = std::string(rows.value(row, 1));
            column.type = std::string(rows.value(row, 2));
            column.not_null = rows.value(row, 3) == "t";
            if (!rows.is_null(row, 4)) {
                if (rows.value(row, 7) == "s") {
                    column.generated = squeeze(rows.value(row, 4));
                    column.stored = true;
                } else {
                    column.default_value = squeeze(rows.value(row, 4));
                }
            }
            if (!rows.is_null(row, 5)) column.collation = std::string(rows.value(row, 5));
            if (rows.value(row, 6) == "a") column.identity = "ALWAYS";
            if (rows.value(row, 6) == "d") column.identity = "BY DEFAULT";
            owner->columns.push_back(std::move(column));
        }
    }

    void read_constraints() {
        // contype 'n' (NOT NULL, PostgreSQL 18) is the column's nullability, already read.
        const QueryResult rows =
            run("SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
                "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE " +
                kInSchema + " AND con.contype IN ('p', 'u', 'c', 'f', 'x') ORDER BY c.relname, con.conname");
        for (int row = 0; row < rows.rows(); ++row)
            if (Table* owner = table(rows.value(row, 0)))
                owner->constraints.push_back({std::string(rows.value(row, 1)), squeeze(rows.value(row, 2))});
    }

    void read_indexes() {
        const QueryResult rows =
            run("SELECT i.relname, t.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE " +
                kInSchema +
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid "
                "AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x'))" +
                not_in_extension("i.oid", "pg_class") + " ORDER BY i.relname");
        for (int row = 0; row < rows.rows(); ++row)
            if (!excluded(rows.value(row, 1)))
                add("index", std::string(rows.value(row, 0)), std::string(rows.value(row, 1)), rows.value(row, 2));
    }

    void read_views() {
        const QueryResult rows =
            run("SELECT c.relname, c.relkind, pg_get_viewdef(c.oid), quote_ident(c.relname) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
                kInSchema + " AND c.relkind IN ('v', 'm')" + not_in_extension("c.oid", "pg_class"));
        for (int row = 0; row < rows.rows(); ++row) {
            const bool materialized = rows.value(row, 1) == "m";
            const std::string name(rows.value(row, 0));
            std::string body(rows.value(row, 2));
            while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back()))))
                body.pop_back();
            add(materialized ? "materialized view" : "view", name, "",
                (materialized ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") + std::string(rows.value(row, 3)) +
                    " AS " + body);
        }
    }

    void read_sequences() {
        // Identity columns' sequences are the column's (Column::identity).
        const QueryResult rows = run(
            "SELECT c.relname, format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart, "
            "s.seqcache, s.seqcycle, quote_ident(c.relname) FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
            kInSchema +
            " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_class'::regclass "
            "AND dep.objid = c.oid AND dep.deptype IN ('i', 'e'))");
        for (int row = 0; row < rows.rows(); ++row) {
            const std::string name(rows.value(row, 0));
            std::string sql =
                "CREATE SEQUENCE " + std::string(rows.value(row, 8)) + " AS " + std::string(rows.value(row, 1));
            sql += " INCREMENT BY " + std::string(rows.value(row, 2)) + " MINVALUE " + std::string(rows.value(row, 3));
            sql += " MAXVALUE " + std::string(rows.value(row, 4)) + " START WITH " + std::string(rows.value(row, 5));
            sql += " CACHE " + std::string(rows.value(row, 6)) + (rows.value(row, 7) == "t" ? " CYCLE" : " NO CYCLE");
            add("sequence", name, "", sql);
        }
    }

    void read_types() {
        const QueryResult rows = run(
            "SELECT t.typname, t.typtype, "
            "(SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e "
            "WHERE e.enumtypid = t.oid), format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, "
            "(SELECT string_agg('CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), ' ' "
            "ORDER BY con.conname) FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'), "
            "(SELECT quote_ident(co.collname) FROM pg_collation co WHERE co.oid = t.typcollation AND t.typcollation <> "
            "(SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype)), quote_ident(t.typname) "
            "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " +
            kInSchema + " AND t.typtype IN ('e', 'd')" + not_in_extension("t.oid", "pg_type"));
        for (int row = 0; row < rows.rows(); ++row) {
            const std::string name(rows.value(row, 0));
            if (rows.value(row, 1) == "e") {
                add("type", name, "",
                    "CREATE TYPE " + std::string(rows.value(row, 8)) + " AS ENUM (" + std::string(rows.value(row, 2)) +
                        ")");
                continue;
            }
            std::string sql =
                "CREATE DOMAIN " + std::string(rows.value(row, 8)) + " AS " + std::string(rows.value(row, 3));
            if (!rows.is_null(row, 7)) sql += " COLLATE " + std::string(rows.value(row, 7));
            if (!rows.is_null(row, 5)) sql += " DEFAULT " + std::string(rows.value(row, 5));
            if (rows.value(row, 4) == "t") sql += " NOT NULL";
            if (!rows.is_null(row, 6)) sql += " " + std::string(rows.value(row, 6));
            add("domain", name, "", sql);
        }
    }

    void read_functions() {
        const QueryResult rows = run(
            "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid) "
            "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " +
            kInSchema + " AND p.prokind IN ('f', 'p')" + not_in_extension("p.oid", "pg_proc"));
        for (int row = 0; row < rows.rows(); ++row)
            add("function", std::string(rows.value(row, 0)), "", rows.value(row, 1));
    }

    void read_triggers() {
        const QueryResult rows =
            run("SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE " +
                kInSchema + " AND NOT t.tgisinternal");
        for (int row = 0; row < rows.rows(); ++row) {
            const std::string table_name(rows.value(row, 1));
            if (excluded(table_name)) continue;
            add("trigger", table_name + "." + std::string(rows.value(row, 0)), table_name, rows.value(row, 2));
        }
    }

    void read_extensions() {
        // Extensions belong to the database, not to a schema: all of them but plpgsql.
        const QueryResult rows =
            run("SELECT e.extname, quote_ident(n.nspname), e.extversion, quote_ident(e.extname) FROM pg_extension e "
                "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'");
        for (int row = 0; row < rows.rows(); ++row) {
            const std::string name(rows.value(row, 0));
            add("extension", name, "",
                "CREATE EXTENSION " + std::string(rows.value(row, 3)) + " WITH SCHEMA " +
                    std::string(rows.value(row, 1)) + " VERSION " + quote_string(rows.value(row, 2)));
        }
    }

    void read_comments() {
        const QueryResult rows = run(
            "SELECT o.type, o.identity, d.description, "
            "CASE WHEN d.classoid = 'pg_class'::regclass THEN (SELECT relname FROM pg_class WHERE oid = d.objoid) END "
            "FROM pg_description d, LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o "
            "WHERE o.schema = $1 ORDER BY 1, 2");
        for (int row = 0; row < rows.rows(); ++row) {
            std::string type(rows.value(row, 0));
            const std::string table_name = rows.is_null(row, 3) ? "" : std::string(rows.value(row, 3));
            if (!table_name.empty() && excluded(table_name)) continue;
            if (type == "table column") type = "column";
            std::string keyword = type;
            for (char& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const std::string identity(rows.value(row, 1));
            add("comment", type + " " + identity, table_name,
                "COMMENT ON " + keyword + " " + identity + " IS " + quote_string(rows.value(row, 2)));
        }
    }
};

}  // namespace

Schema introspect_postgresql(PGconn* connection, const PostgresqlIntrospectOptions& options) {
    Reader reader{connection, options, options.schema, {}, {}};
    if (reader.schema.empty()) {
        try {
            const QueryResult current = postgresql::query(connection, "SELECT current_schema()");
            reader.schema = current.rows() == 1 && !current.is_null(0, 0) ? std::string(current.value(0, 0)) : "public";
        } catch (const postgresql::DatabaseError& error) {
            throw SchemaError(std::string("cannot read the PostgreSQL schema: ") + error.what());
        }
    }
    reader.read_tables();
    reader.read_columns();
    reader.read_constraints();
    reader.read_indexes();
    reader.read_views();
    reader.read_sequences();
    reader.read_types();
    reader.read_functions();
    reader.read_triggers();
    reader.read_extensions();
    reader.read_comments();
    exclude_matching(reader.result, options.excluded_patterns);
    reader.result.sort();
    return std::move(reader.result);
}

}  // namespace migrations::schema
