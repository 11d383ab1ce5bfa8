// @brief The difference between two schema models as a dependency-ordered operation list.
#include "schema/diff.hpp"

#include "schema/sql_text.hpp"

#include <algorithm>
#include <set>

namespace migrations::schema {
namespace {

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string describe_unique(const std::vector<std::string>& columns) { return "UNIQUE (" + join(columns) + ")"; }

std::string describe_check(const CheckConstraint& check) {
    return (check.name.empty() ? "" : "CONSTRAINT " + check.name + " ") + "CHECK (" + check.expression + ")";
}

/// The table-level properties that are not columns, as named items, so that a change is an
/// add and a drop of items: primary key, options, UNIQUE and CHECK constraints.
std::vector<std::string> constraint_items(const Table& table) {
    std::vector<std::string> items;
    if (!table.primary_key.empty()) items.push_back("PRIMARY KEY (" + join(table.primary_key) + ")");
    if (table.autoincrement) items.emplace_back("AUTOINCREMENT");
    if (table.without_rowid) items.emplace_back("WITHOUT ROWID");
    if (table.strict) items.emplace_back("STRICT");
    for (const auto& unique : table.unique_constraints) items.push_back(describe_unique(unique));
    for (const auto& check : table.checks) items.push_back(describe_check(check));
    for (const auto& constraint : table.constraints)
        items.push_back("CONSTRAINT " + constraint.name + " " + constraint.expression);
    return items;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

struct Builder {
    const Schema& from;
    const Schema& to;
    std::vector<Operation> operations;
    /// Lower-case names of tables and views whose definition changes or which disappear.
    std::set<std::string> affected;

    bool uses_affected(const Definition& definition) const {
        if (affected.count(lower(definition.table)) != 0) return true;
        return std::any_of(affected.begin(), affected.end(),
                           [&](const std::string& name) { return mentions(definition.sql, name); });
    }

    void table_changes(const Table& before, const Table& after) {
        std::vector<Index> kept;
        for (const Index& index : from.indexes) {
            const Index* other = to.find_index(index.name);
            if (same_name(index.table, before.name) && other != nullptr && *other == index) kept.push_back(index);
        }
        std::vector<Operation> changes;
        auto add = [&](OperationKind kind, std::string name) -> Operation& {
            changes.push_back({kind, after.name, std::move(name), before, after, kept, {}, {}, {}, {}, false, {}});
            return changes.back();
        };
        for (const ForeignKey& key : before.foreign_keys)
            if (std::find(after.foreign_keys.begin(), after.foreign_keys.end(), key) == after.foreign_keys.end())
                add(OperationKind::drop_foreign_key, describe(key));
        const auto items_before = constraint_items(before);
        const auto items_after = constraint_items(after);
        for (const auto& item : items_before)
            if (!contains(items_after, item)) add(OperationKind::drop_constraint, item);
        std::vector<std::size_t> dropped, added;
        for (const Column& column : before.columns) {
            if (after.find_column(column.name) != nullptr) continue;
            add(OperationKind::drop_column, column.name).column_before = column;
            dropped.push_back(changes.size() - 1);
        }
        for (const Column& column : after.columns) {
            const Column* old = before.find_column(column.name);
            if (old == nullptr) {
                add(OperationKind::add_column, column.name).column_after = column;
                added.push_back(changes.size() - 1);
            }
        }
        for (const Column& column : after.columns) {
            const Column* old = before.find_column(column.name);
            if (old == nullptr || *old == column) continue;
            Operation& alter = add(OperationKind::alter_column, column.name);
            alter.column_before = *old;
            alter.column_after = column;
        }
        for (const auto& item : items_after)
            if (!contains(items_before, item)) add(OperationKind::add_constraint, item);
        for (const ForeignKey& key : after.foreign_keys)
            if (std::find(before.foreign_keys.begin(), before.foreign_keys.end(), key) == before.foreign_keys.end())
                add(OperationKind::add_foreign_key, describe(key));
        // A dropped and an added column of the same type may be one rename.
        std::vector<bool> paired(changes.size(), false);
        for (std::size_t d : dropped) {
            for (std::size_t a : added) {
                if (paired[a] || changes[a].column_after->type != changes[d].column_before->type) continue;
                paired[a] = true;
                const std::string note = "column '" + changes[d].name + "' dropped and column '" + changes[a].name +
                                         "' added on table '" + after.name +
                                         "': if this is a rename, replace both with ALTER TABLE " +
                                         quote_identifier(after.name) + " RENAME COLUMN " +
                                         quote_identifier(changes[d].name) + " TO " + quote_identifier(changes[a].name);
                changes[d].possible_rename = note;
                changes[a].possible_rename = note;
                break;
            }
        }
        operations.insert(operations.end(), changes.begin(), changes.end());
    }

    void mark_table_renames(std::size_t first_drop, std::size_t first_create, std::size_t end) {
        for (std::size_t d = first_drop; d < first_create; ++d) {
            if (operations[d].kind != OperationKind::drop_table) continue;
            std::vector<std::string> columns_dropped;
            for (const Column& column : operations[d].table_before->columns)
                columns_dropped.push_back(lower(column.name));
            std::sort(columns_dropped.begin(), columns_dropped.end());
            for (std::size_t c = first_create; c < end; ++c) {
                if (operations[c].kind != OperationKind::create_table || !operations[c].possible_rename.empty())
                    continue;
                std::vector<std::string> columns_created;
                for (const Column& column : operations[c].table_after->columns)
                    columns_created.push_back(lower(column.name));
                std::sort(columns_created.begin(), columns_created.end());
                if (columns_created != columns_dropped) continue;
                const std::string note = "table '" + operations[d].name + "' dropped and table '" + operations[c].name +
                                         "' created with the same columns: if this is a rename, replace both with "
                                         "ALTER TABLE " +
                                         quote_identifier(operations[d].name) + " RENAME TO " +
                                         quote_identifier(operations[c].name);
                operations[d].possible_rename = note;
                operations[c].possible_rename = note;
                break;
            }
        }
    }

    void definitions(const std::vector<Definition>& old_items, const std::vector<Definition>& new_items,
                     OperationKind drop_kind, OperationKind create_kind, bool is_view,
                     std::vector<Operation>& creates) {
        std::vector<const Definition*> dropped;
        // Views can use views: widen the affected set until it stops growing.
        for (bool grew = true; grew;) {
            grew = false;
            for (const Definition& item : old_items) {
                if (std::find(dropped.begin(), dropped.end(), &item) != dropped.end()) continue;
                const Definition* other = is_view ? to.find_view(item.name) : to.find_trigger(item.name);
                if (other != nullptr && *other == item && !uses_affected(item)) continue;
                dropped.push_back(&item);
                if (is_view) grew = affected.insert(lower(item.name)).second || grew;
            }
        }
        std::sort(dropped.begin(), dropped.end(),
                  [](const Definition* a, const Definition* b) { return lower(a->name) < lower(b->name); });
        for (const Definition* item : dropped) {
            const Definition* other = is_view ? to.find_view(item->name) : to.find_trigger(item->name);
            const bool dependency = other != nullptr && *other == *item;
            operations.push_back({drop_kind, item->table, item->name, {}, {}, {}, {}, {}, {}, *item, dependency, {}});
        }
        std::vector<Operation> created;
        for (const Definition& item : new_items) {
            const Definition* old = is_view ? from.find_view(item.name) : from.find_trigger(item.name);
            const bool was_dropped = std::any_of(dropped.begin(), dropped.end(),
                                                 [&](const Definition* d) { return same_name(d->name, item.name); });
            if (old != nullptr && !was_dropped) continue;
            created.push_back(
                {create_kind, item.table, item.name, {}, {}, {}, {}, {}, {}, item, old != nullptr && *old == item, {}});
        }
        // A view that uses another view being created comes after it.
        std::vector<Operation> ordered;
        while (!created.empty()) {
            auto ready = std::find_if(created.begin(), created.end(), [&](const Operation& op) {
                return std::none_of(created.begin(), created.end(), [&](const Operation& other) {
                    return &other != &op && mentions(op.definition->sql, other.name);
                });
            });
            if (ready == created.end()) ready = created.begin();
            ordered.push_back(std::move(*ready));
            created.erase(ready);
        }
        creates.insert(creates.end(), ordered.begin(), ordered.end());
    }

    void run() {
        for (const Table& table : from.tables) {
            const Table* other = to.find_table(table.name);
            if (other == nullptr || *other != table) affected.insert(lower(table.name));
        }
        // Views first: a changed view joins `affected`, so triggers that use it are caught too.
        std::vector<Operation> trigger_creates, view_creates;
        definitions(from.views, to.views, OperationKind::drop_view, OperationKind::create_view, true, view_creates);
        std::vector<Operation> view_drops = std::move(operations);
        operations.clear();
        definitions(from.triggers, to.triggers, OperationKind::drop_trigger, OperationKind::create_trigger, false,
                    trigger_creates);
        operations.insert(operations.end(), view_drops.begin(), view_drops.end());

        for (const Index& index : from.indexes) {
            const Index* other = to.find_index(index.name);
            if (other == nullptr || *other != index) {
                operations.push_back(
                    {OperationKind::drop_index, index.table, index.name, {}, {}, {}, {}, {}, index, {}, false, {}});
                operations.back().changed = other != nullptr;
            }
        }
        const std::size_t first_drop = operations.size();
        for (const Table& table : from.tables)
            if (to.find_table(table.name) == nullptr)
                operations.push_back(
                    {OperationKind::drop_table, table.name, table.name, table, {}, {}, {}, {}, {}, {}, false, {}});
        const std::size_t first_create = operations.size();
        for (const Table& table : to.tables)
            if (from.find_table(table.name) == nullptr)
                operations.push_back(
                    {OperationKind::create_table, table.name, table.name, {}, table, {}, {}, {}, {}, {}, false, {}});
        mark_table_renames(first_drop, first_create, operations.size());
        for (const Table& table : to.tables) {
            const Table* old = from.find_table(table.name);
            if (old != nullptr && *old != table) table_changes(*old, table);
        }
        for (const Index& index : to.indexes) {
            const Index* old = from.find_index(index.name);
            if (old == nullptr || *old != index) {
                operations.push_back(
                    {OperationKind::create_index, index.table, index.name, {}, {}, {}, {}, {}, index, {}, false, {}});
                operations.back().changed = old != nullptr;
                if (old != nullptr) operations.back().index_before = *old;
            }
        }
        operations.insert(operations.end(), view_creates.begin(), view_creates.end());
        operations.insert(operations.end(), trigger_creates.begin(), trigger_creates.end());
        objects();
    }

    /// PostgreSQL objects, matched by kind and name: drops first, creates and alters last.
    void objects() {
        std::vector<Operation> drops;
        for (const Object& object : from.objects) {
            const Object* other = to.find_object(object.kind, object.name);
            if (other == nullptr) {
                drops.push_back(
                    {OperationKind::drop_object, object.table, object.name, {}, {}, {}, {}, {}, {}, {}, false, {}});
                drops.back().object_before = object;
            } else if (*other != object) {
                operations.push_back(
                    {OperationKind::alter_object, object.table, object.name, {}, {}, {}, {}, {}, {}, {}, false, {}});
                operations.back().object_before = object;
                operations.back().object_after = *other;
            }
        }
        for (const Object& object : to.objects) {
            if (from.find_object(object.kind, object.name) != nullptr) continue;
            operations.push_back(
                {OperationKind::create_object, object.table, object.name, {}, {}, {}, {}, {}, {}, {}, false, {}});
            operations.back().object_after = object;
        }
        operations.insert(operations.begin(), drops.begin(), drops.end());
    }
};

std::string show(const std::optional<std::string>& value) { return value ? *value : "none"; }

}  // namespace

std::vector<Operation> diff(const Schema& from, const Schema& to) {
    Builder builder{from, to, {}, {}};
    builder.run();
    return std::move(builder.operations);
}

Subject subject(const Operation& operation) {
    switch (operation.kind) {
        case OperationKind::drop_table:
        case OperationKind::create_table:
            return {operation.table, ""};
        case OperationKind::drop_column:
        case OperationKind::add_column:
        case OperationKind::alter_column:
            return {operation.table, "column '" + operation.name + "'"};
        case OperationKind::drop_constraint:
        case OperationKind::add_constraint:
            return {operation.table, operation.name};
        case OperationKind::drop_foreign_key:
        case OperationKind::add_foreign_key:
            return {operation.table, "foreign key " + operation.name};
        case OperationKind::drop_index:
        case OperationKind::create_index:
            return {"", "index '" + operation.name + "'"};
        case OperationKind::drop_view:
        case OperationKind::create_view:
            return {"", "view '" + operation.name + "'"};
        case OperationKind::drop_trigger:
        case OperationKind::create_trigger:
            return {"", "trigger '" + operation.name + "'"};
        case OperationKind::drop_object:
        case OperationKind::create_object:
        case OperationKind::alter_object: {
            const Object& object = operation.object_after ? *operation.object_after : *operation.object_before;
            return {"", object.kind + " '" + object.name + "'"};
        }
    }
    return {};
}

std::string index_change_detail(const Index& a, const Index& b) {
    std::vector<std::string> parts;
    if (!same_name(a.table, b.table)) parts.push_back("table " + a.table + " -> " + b.table);
    if (a.unique != b.unique) parts.emplace_back(a.unique ? "UNIQUE -> not unique" : "not unique -> UNIQUE");
    if (a.parts != b.parts) parts.push_back("columns (" + join(a.parts) + ") -> (" + join(b.parts) + ")");
    if (a.where != b.where)
        parts.push_back("WHERE " + (a.where.empty() ? "none" : a.where) + " -> " +
                        (b.where.empty() ? "none" : b.where));
    if (!same_name(a.name, b.name)) parts.push_back("name " + a.name + " -> " + b.name);
    return join(parts);
}

std::string change_detail(const Operation& operation) {
    if (operation.object_before && operation.object_after)
        return operation.object_before->definition + " -> " + operation.object_after->definition;
    if (operation.index_before && operation.index)
        return index_change_detail(*operation.index_before, *operation.index);
    if (!operation.column_before || !operation.column_after) return {};
    const Column& a = *operation.column_before;
    const Column& b = *operation.column_after;
    std::vector<std::string> parts;
    if (a.type != b.type)
        parts.push_back("type " + (a.type.empty() ? "none" : a.type) + " -> " + (b.type.empty() ? "none" : b.type));
    if (a.not_null != b.not_null) parts.emplace_back(a.not_null ? "NOT NULL -> NULL" : "NULL -> NOT NULL");
    if (a.default_value != b.default_value)
        parts.push_back("default " + show(a.default_value) + " -> " + show(b.default_value));
    if (a.collation != b.collation) parts.push_back("collation " + show(a.collation) + " -> " + show(b.collation));
    if (a.generated != b.generated || a.stored != b.stored)
        parts.push_back("generated " + show(a.generated) + (a.stored ? " stored" : "") + " -> " + show(b.generated) +
                        (b.stored ? " stored" : ""));
    if (a.identity != b.identity)
        parts.push_back("identity " + (a.identity.empty() ? "none" : a.identity) + " -> " +
                        (b.identity.empty() ? "none" : b.identity));
    if (!same_name(a.name, b.name) || (parts.empty() && a != b)) parts.push_back("name " + a.name + " -> " + b.name);
    return join(parts);
}

bool reported(const Operation& operation) {
    return !operation.dependency && !(operation.kind == OperationKind::drop_index && operation.changed);
}

bool is_addition(OperationKind kind) {
    switch (kind) {
        case OperationKind::create_table:
        case OperationKind::add_column:
        case OperationKind::add_constraint:
        case OperationKind::add_foreign_key:
        case OperationKind::create_index:
        case OperationKind::create_view:
        case OperationKind::create_trigger:
        case OperationKind::create_object:
            return true;
        default:
            return false;
    }
}

std::string describe(const Operation& operation) {
    const Subject where = subject(operation);
    const std::string target = where.table.empty()    ? where.object
                               : where.object.empty() ? "table '" + where.table + "'"
                                                      : "table '" + where.table + "' " + where.object;
    switch (operation.kind) {
        case OperationKind::alter_column:
        case OperationKind::alter_object:
            return "alter " + target + ": " + change_detail(operation);
        case OperationKind::create_index:
            if (operation.changed) return "alter " + target + ": " + change_detail(operation);
            break;
        case OperationKind::add_column:
            return "add " + target + " (" + describe(*operation.column_after) + ")";
        case OperationKind::drop_column:
        case OperationKind::drop_constraint:
        case OperationKind::drop_foreign_key:
            return "drop " + target;
        case OperationKind::add_constraint:
        case OperationKind::add_foreign_key:
            return "add " + target;
        default:
            break;
    }
    return (is_addition(operation.kind) ? "create " : "drop ") + target;
}

}  // namespace migrations::schema
