// @brief Reads a live SQLite database's schema into the model.
#include "schema/sqlite_introspect.hpp"

#include "schema/ddl_parser.hpp"
#include "schema/exclusion.hpp"
#include "schema/sql_text.hpp"
#include "schema/sqlite_handle.hpp"

#include <algorithm>
#include <map>

namespace migrations::schema {
namespace {

std::string normalize_type(const std::string& type) {
    std::string text = canonical(type);
    for (char& c : text)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
}

bool excluded(const IntrospectOptions& options, const std::string& table) {
    return std::any_of(options.excluded_tables.begin(), options.excluded_tables.end(),
                       [&](const std::string& name) { return same_name(name, table); });
}

void read_columns(sqlite3* db, Table& table, const TableText& text) {
    Statement statement(
        db, R"(SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?1) ORDER BY cid)");
    statement.bind(1, table.name);
    std::vector<std::pair<long long, std::string>> key;
    while (statement.step()) {
        const long long hidden = statement.integer(5);
        if (hidden == 1) continue;  // a virtual table's hidden column
        Column column;
        column.name = statement.text(0);
        column.type = normalize_type(statement.text(1));
        column.not_null = statement.integer(2) != 0;
        if (!statement.is_null(3)) column.default_value = canonical(statement.text(3));
        const auto collation = text.collations.find(lower(column.name));
        if (collation != text.collations.end() && collation->second != "binary") column.collation = collation->second;
        const auto generated = text.generated.find(lower(column.name));
        if (hidden >= 2 && generated != text.generated.end()) {
            column.generated = generated->second.first;
            column.stored = hidden == 3;
        }
        if (statement.integer(4) > 0) key.emplace_back(statement.integer(4), column.name);
        table.columns.push_back(std::move(column));
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, name] : key) table.primary_key.push_back(std::move(name));
}

void read_unique_constraints(sqlite3* db, Table& table) {
    Statement list(db, "SELECT name FROM pragma_index_list(?1) WHERE origin = 'u' ORDER BY name");
    list.bind(1, table.name);
    while (list.step()) {
        Statement info(db, "SELECT name FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno");
        info.bind(1, list.text(0));
        std::vector<std::string> columns;
        while (info.step()) columns.push_back(info.text(0));
        table.unique_constraints.push_back(std::move(columns));
    }
}

void read_foreign_keys(sqlite3* db, Table& table, const TableText& text) {
    Statement statement(
        db,
        R"(SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq)");
    statement.bind(1, table.name);
    std::map<long long, ForeignKey> keys;
    while (statement.step()) {
        ForeignKey& key = keys[statement.integer(0)];
        key.referenced_table = statement.text(1);
        key.columns.push_back(statement.text(2));
        if (!statement.is_null(3)) key.referenced_columns.push_back(statement.text(3));
        key.on_update = statement.text(4);
        key.on_delete = statement.text(5);
    }
    for (auto& [id, key] : keys) {
        std::vector<std::string> columns;
        for (const auto& column : key.columns) columns.push_back(lower(column));
        const std::pair<std::vector<std::string>, std::string> wanted{columns, lower(key.referenced_table)};
        key.deferred =
            std::find(text.deferred_keys.begin(), text.deferred_keys.end(), wanted) != text.deferred_keys.end();
        table.foreign_keys.push_back(std::move(key));
    }
}

Table read_table(sqlite3* db, const std::string& name, const std::string& sql) {
    const TableText text = parse_create_table(sql);
    Table table;
    table.name = name;
    table.autoincrement = text.autoincrement;
    table.without_rowid = text.without_rowid;
    table.strict = text.strict;
    table.checks = text.checks;
    read_columns(db, table, text);
    read_unique_constraints(db, table);
    read_foreign_keys(db, table, text);
    return table;
}

}  // namespace

Schema introspect(sqlite3* db, const IntrospectOptions& options) {
    Schema schema;
    Statement objects(db,
                      "SELECT type, name, tbl_name, sql FROM main.sqlite_master "
                      "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL ORDER BY type, name");
    while (objects.step()) {
        const std::string type = objects.text(0);
        const std::string name = objects.text(1);
        const std::string table = objects.text(2);
        const std::string sql = objects.text(3);
        if (excluded(options, table)) continue;
        if (type == "table") {
            if (lower(sql.substr(0, 20)).rfind("create virtual table", 0) == 0) continue;
            schema.tables.push_back(read_table(db, name, sql));
        } else if (type == "index") {
            const auto tokens = tokenize(sql);
            IndexText text = parse_create_index(sql);
            schema.indexes.push_back({name, table, tokens.size() > 1 && is_keyword(tokens[1], "unique"),
                                      std::move(text.parts), std::move(text.where)});
        } else if (type == "view") {
            schema.views.push_back({name, "", sql, canonical(sql)});
        } else if (type == "trigger") {
            schema.triggers.push_back({name, table, sql, canonical(sql)});
        }
    }
    exclude_matching(schema, options.excluded_patterns);
    schema.sort();
    return schema;
}

}  // namespace migrations::schema
