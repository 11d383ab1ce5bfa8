// @brief Operations as SQLite SQL: ALTER TABLE where it can, the table rebuild elsewhere.
#include "schema/sqlite_render.hpp"

#include "schema/sql_text.hpp"

#include <algorithm>

namespace migrations::schema {
namespace {

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + quote_identifier(name);
    return out;
}

std::string plain_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

/// A column definition; `parenthesize_default` is false for ALTER TABLE ADD COLUMN, which
/// only accepts a literal written bare.
std::string column_definition(const Column& column, bool parenthesize_default) {
    std::string out = quote_identifier(column.name);
    if (!column.type.empty()) out += " " + column.type;
    if (column.not_null) out += " NOT NULL";
    if (column.default_value)
        out += parenthesize_default ? " DEFAULT (" + *column.default_value + ")" : " DEFAULT " + *column.default_value;
    if (column.collation) out += " COLLATE " + quote_identifier(*column.collation);
    if (column.generated)
        out += " GENERATED ALWAYS AS (" + *column.generated + (column.stored ? ") STORED" : ") VIRTUAL");
    return out;
}

bool uses_column(const std::vector<std::string>& names, const std::string& column) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& name) { return same_name(name, column); });
}

/// ALTER TABLE ADD COLUMN takes a column that is in no key or constraint and whose default
/// is a literal (non-NULL when the column is NOT NULL).
bool can_add(const Column& column, const Table& after) {
    if (uses_column(after.primary_key, column.name) || (column.generated && column.stored)) return false;
    if (column.default_value && !is_literal(*column.default_value)) return false;
    if (column.not_null && (!column.default_value || lower(*column.default_value) == "null")) return false;
    return true;
}

/// ALTER TABLE DROP COLUMN takes a column no key, constraint, index, trigger or view uses.
bool can_drop(const Column& column, const Table& before, const std::vector<Index>& kept_indexes) {
    if (uses_column(before.primary_key, column.name)) return false;
    for (const auto& unique : before.unique_constraints)
        if (uses_column(unique, column.name)) return false;
    for (const auto& key : before.foreign_keys)
        if (uses_column(key.columns, column.name)) return false;
    for (const auto& check : before.checks)
        if (mentions(check.expression, column.name)) return false;
    for (const auto& other : before.columns)
        if (other.generated && !same_name(other.name, column.name) && mentions(*other.generated, column.name))
            return false;
    for (const auto& index : kept_indexes) {
        if (mentions(index.where, column.name)) return false;
        for (const auto& part : index.parts)
            if (mentions(part, column.name)) return false;
    }
    return true;
}

bool needs_rebuild(const std::vector<Operation>& group) {
    for (const Operation& op : group) {
        switch (op.kind) {
            case OperationKind::add_column:
                if (!can_add(*op.column_after, *op.table_after)) return true;
                break;
            case OperationKind::drop_column:
                if (!can_drop(*op.column_before, *op.table_before, op.kept_indexes)) return true;
                break;
            default:
                return true;
        }
    }
    return false;
}

void render_rebuild(const std::vector<Operation>& group, std::string& out) {
    const Table& before = *group.front().table_before;
    const Table& after = *group.front().table_after;
    const std::string temporary = kRebuildPrefix + after.name;
    out += "-- Rebuild table " + quote_identifier(after.name) + " (ALTER TABLE cannot make these changes):\n";
    for (const Operation& op : group) out += "--   " + describe(op) + "\n";
    out += render_create_table(after, temporary) + ";\n";
    std::string targets, sources;
    for (const Column& column : after.columns) {
        const Column* old = before.find_column(column.name);
        if (old == nullptr || column.generated || old->generated) continue;
        targets.append(targets.empty() ? "" : ", ").append(quote_identifier(column.name));
        sources.append(sources.empty() ? "" : ", ");
        // A column that becomes NOT NULL takes its default where the old rows hold NULL.
        if (column.not_null && !old->not_null && column.default_value)
            sources.append("coalesce(")
                .append(quote_identifier(old->name))
                .append(", ")
                .append(*column.default_value)
                .append(")");
        else
            sources.append(quote_identifier(old->name));
    }
    if (!targets.empty())
        out += "INSERT INTO " + quote_identifier(temporary) + " (" + targets + ") SELECT " + sources + " FROM " +
               quote_identifier(before.name) + ";\n";
    out += "DROP TABLE " + quote_identifier(before.name) + ";\n";
    out += "ALTER TABLE " + quote_identifier(temporary) + " RENAME TO " + quote_identifier(after.name) + ";\n";
    for (const Index& index : group.front().kept_indexes) out += render_create_index(index) + ";\n";
    out += "PRAGMA foreign_key_check(" + quote_identifier(after.name) + ");\n";
}

void render_table_group(const std::vector<Operation>& group, std::string& out) {
    if (needs_rebuild(group)) {
        render_rebuild(group, out);
        return;
    }
    for (const Operation& op : group) {
        const std::string table = quote_identifier(op.table);
        if (op.kind == OperationKind::add_column)
            out += "ALTER TABLE " + table + " ADD COLUMN " + column_definition(*op.column_after, false) + ";\n";
        else
            out += "ALTER TABLE " + table + " DROP COLUMN " + quote_identifier(op.column_before->name) + ";\n";
    }
}

bool is_table_change(OperationKind kind) {
    return kind >= OperationKind::drop_foreign_key && kind <= OperationKind::add_foreign_key;
}

void render_one(const Operation& op, std::string& out) {
    switch (op.kind) {
        case OperationKind::drop_trigger:
            out += "DROP TRIGGER " + quote_identifier(op.name) + ";\n";
            break;
        case OperationKind::drop_view:
            out += "DROP VIEW " + quote_identifier(op.name) + ";\n";
            break;
        case OperationKind::drop_index:
            out += "DROP INDEX " + quote_identifier(op.name) + ";\n";
            break;
        case OperationKind::drop_table:
            out += "DROP TABLE " + quote_identifier(op.name) + ";\n";
            break;
        case OperationKind::create_table:
            out += render_create_table(*op.table_after, op.table_after->name) + ";\n";
            break;
        case OperationKind::create_index:
            out += render_create_index(*op.index) + ";\n";
            break;
        case OperationKind::create_view:
        case OperationKind::create_trigger:
            out += op.definition->sql + ";\n";
            break;
        default:
            break;
    }
}

}  // namespace

std::string render_create_table(const Table& table, const std::string& name) {
    std::vector<std::string> items;
    const bool inline_key = table.autoincrement && table.primary_key.size() == 1;
    for (const Column& column : table.columns) {
        std::string item = column_definition(column, true);
        if (inline_key && same_name(column.name, table.primary_key.front())) item += " PRIMARY KEY AUTOINCREMENT";
        items.push_back(std::move(item));
    }
    if (!table.primary_key.empty() && !inline_key)
        items.push_back("PRIMARY KEY (" + quoted_list(table.primary_key) + ")");
    for (const auto& unique : table.unique_constraints) items.push_back("UNIQUE (" + quoted_list(unique) + ")");
    for (const auto& check : table.checks)
        items.push_back((check.name.empty() ? "" : "CONSTRAINT " + quote_identifier(check.name) + " ") + "CHECK (" +
                        check.expression + ")");
    for (const auto& key : table.foreign_keys) {
        std::string item =
            "FOREIGN KEY (" + quoted_list(key.columns) + ") REFERENCES " + quote_identifier(key.referenced_table);
        if (!key.referenced_columns.empty()) item += " (" + quoted_list(key.referenced_columns) + ")";
        if (key.on_update != "NO ACTION") item += " ON UPDATE " + key.on_update;
        if (key.on_delete != "NO ACTION") item += " ON DELETE " + key.on_delete;
        if (key.deferred) item += " DEFERRABLE INITIALLY DEFERRED";
        items.push_back(std::move(item));
    }
    std::string out = "CREATE TABLE " + quote_identifier(name) + " (\n";
    for (std::size_t i = 0; i < items.size(); ++i) out += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
    out += ")";
    std::vector<std::string> options;
    if (table.without_rowid) options.emplace_back("WITHOUT ROWID");
    if (table.strict) options.emplace_back("STRICT");
    if (!options.empty()) out += " " + plain_list(options);
    return out;
}

std::string render_create_index(const Index& index) {
    std::string out = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      quote_identifier(index.name) + " ON " + quote_identifier(index.table) + " (" +
                      plain_list(index.parts) + ")";
    if (!index.where.empty()) out += " WHERE " + index.where;
    return out;
}

std::string render_sqlite(const std::vector<Operation>& operations) {
    std::string out;
    std::vector<std::string> noted;
    for (std::size_t i = 0; i < operations.size();) {
        std::size_t end = i + 1;
        if (is_table_change(operations[i].kind))
            while (end < operations.size() && is_table_change(operations[end].kind) &&
                   same_name(operations[end].table, operations[i].table))
                ++end;
        for (std::size_t j = i; j < end; ++j) {
            const std::string& note = operations[j].possible_rename;
            if (note.empty() || std::find(noted.begin(), noted.end(), note) != noted.end()) continue;
            noted.push_back(note);
            out += "-- NOTE: " + note + ".\n";
        }
        if (is_table_change(operations[i].kind))
            render_table_group({operations.begin() + static_cast<std::ptrdiff_t>(i),
                                operations.begin() + static_cast<std::ptrdiff_t>(end)},
                               out);
        else
            render_one(operations[i], out);
        i = end;
    }
    return out;
}

Migration render_migration(const Schema& from, const Schema& to) {
    Migration migration;
    const auto upgrade = diff(from, to);
    migration.upgrade = render_sqlite(upgrade);
    migration.downgrade = render_sqlite(diff(to, from));
    for (const Operation& op : upgrade)
        if (!op.possible_rename.empty() &&
            std::find(migration.notes.begin(), migration.notes.end(), op.possible_rename) == migration.notes.end())
            migration.notes.push_back(op.possible_rename);
    return migration;
}

}  // namespace migrations::schema
