// @brief The schema model: equality, ordering and readable descriptions.
#include "schema/model.hpp"

#include "schema/sql_text.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace migrations::schema {
namespace {

std::vector<std::string> lowered(const std::vector<std::string>& names) {
    std::vector<std::string> result;
    result.reserve(names.size());
    for (const auto& name : names) result.push_back(lower(name));
    return result;
}

template <typename T>
const T* find_by_name(const std::vector<T>& items, const std::string& name) {
    const auto found =
        std::find_if(items.begin(), items.end(), [&](const T& item) { return same_name(item.name, name); });
    return found == items.end() ? nullptr : &*found;
}

template <typename T>
void sort_by_name(std::vector<T>& items) {
    std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return lower(a.name) < lower(b.name); });
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

}  // namespace

bool same_name(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

bool operator==(const Column& a, const Column& b) {
    return same_name(a.name, b.name) && a.type == b.type && a.not_null == b.not_null &&
           a.default_value == b.default_value && a.collation == b.collation && a.generated == b.generated &&
           a.stored == b.stored && a.identity == b.identity;
}

bool operator==(const ForeignKey& a, const ForeignKey& b) {
    return lowered(a.columns) == lowered(b.columns) && same_name(a.referenced_table, b.referenced_table) &&
           lowered(a.referenced_columns) == lowered(b.referenced_columns) && a.on_update == b.on_update &&
           a.on_delete == b.on_delete && a.deferred == b.deferred;
}

bool operator<(const ForeignKey& a, const ForeignKey& b) {
    return std::make_tuple(lowered(a.columns), lower(a.referenced_table), lowered(a.referenced_columns), a.on_update,
                           a.on_delete, a.deferred) < std::make_tuple(lowered(b.columns), lower(b.referenced_table),
                                                                      lowered(b.referenced_columns), b.on_update,
                                                                      b.on_delete, b.deferred);
}

bool operator==(const CheckConstraint& a, const CheckConstraint& b) {
    return same_name(a.name, b.name) && a.expression == b.expression;
}

bool operator<(const CheckConstraint& a, const CheckConstraint& b) {
    return std::make_pair(lower(a.name), a.expression) < std::make_pair(lower(b.name), b.expression);
}

const Column* Table::find_column(const std::string& name) const { return find_by_name(columns, name); }

bool operator==(const Table& a, const Table& b) {
    if (!same_name(a.name, b.name) || a.columns.size() != b.columns.size()) return false;
    for (const Column& column : a.columns) {
        const Column* other = b.find_column(column.name);
        if (other == nullptr || *other != column) return false;
    }
    std::vector<std::vector<std::string>> unique_a, unique_b;
    for (const auto& unique : a.unique_constraints) unique_a.push_back(lowered(unique));
    for (const auto& unique : b.unique_constraints) unique_b.push_back(lowered(unique));
    return lowered(a.primary_key) == lowered(b.primary_key) && a.autoincrement == b.autoincrement &&
           a.without_rowid == b.without_rowid && a.strict == b.strict && unique_a == unique_b && a.checks == b.checks &&
           a.foreign_keys == b.foreign_keys && a.constraints == b.constraints;
}

bool operator==(const Index& a, const Index& b) {
    return same_name(a.name, b.name) && same_name(a.table, b.table) && a.unique == b.unique && a.parts == b.parts &&
           a.where == b.where;
}

bool operator==(const Definition& a, const Definition& b) {
    return same_name(a.name, b.name) && same_name(a.table, b.table) && a.canonical_sql == b.canonical_sql;
}

const Table* Schema::find_table(const std::string& name) const { return find_by_name(tables, name); }
const Index* Schema::find_index(const std::string& name) const { return find_by_name(indexes, name); }
const View* Schema::find_view(const std::string& name) const { return find_by_name(views, name); }
const Trigger* Schema::find_trigger(const std::string& name) const { return find_by_name(triggers, name); }
const Object* Schema::find_object(const std::string& kind, const std::string& name) const {
    const auto found = std::find_if(objects.begin(), objects.end(),
                                    [&](const Object& object) { return object.kind == kind && object.name == name; });
    return found == objects.end() ? nullptr : &*found;
}

void Schema::sort() {
    sort_by_name(tables);
    sort_by_name(indexes);
    sort_by_name(views);
    sort_by_name(triggers);
    for (Table& table : tables) {
        std::sort(table.unique_constraints.begin(), table.unique_constraints.end(),
                  [](const auto& a, const auto& b) { return lowered(a) < lowered(b); });
        std::sort(table.checks.begin(), table.checks.end());
        std::sort(table.foreign_keys.begin(), table.foreign_keys.end());
        std::sort(table.constraints.begin(), table.constraints.end());
    }
    std::sort(objects.begin(), objects.end(),
              [](const Object& a, const Object& b) { return std::tie(a.kind, a.name) < std::tie(b.kind, b.name); });
}

bool operator==(const Schema& a, const Schema& b) {
    return a.tables == b.tables && a.indexes == b.indexes && a.views == b.views && a.triggers == b.triggers &&
           a.objects == b.objects;
}

std::string describe(const Column& column) {
    std::string out = column.name;
    if (!column.type.empty()) out += " " + column.type;
    if (column.not_null) out += " NOT NULL";
    if (column.default_value) out += " DEFAULT (" + *column.default_value + ")";
    if (column.collation) out += " COLLATE " + *column.collation;
    if (column.generated) out += " AS (" + *column.generated + (column.stored ? ") STORED" : ") VIRTUAL");
    if (!column.identity.empty()) out += " GENERATED " + column.identity + " AS IDENTITY";
    return out;
}

std::string describe(const ForeignKey& key) {
    std::string out = "(" + join(key.columns) + ") REFERENCES " + key.referenced_table;
    if (!key.referenced_columns.empty()) out += " (" + join(key.referenced_columns) + ")";
    if (key.on_update != "NO ACTION") out += " ON UPDATE " + key.on_update;
    if (key.on_delete != "NO ACTION") out += " ON DELETE " + key.on_delete;
    if (key.deferred) out += " DEFERRABLE INITIALLY DEFERRED";
    return out;
}

std::string describe(const Index& index) {
    std::string out = index.unique ? "UNIQUE INDEX " : "INDEX ";
    out += index.name + " ON " + index.table + " (" + join(index.parts) + ")";
    if (!index.where.empty()) out += " WHERE " + index.where;
    return out;
}

std::string describe(const Schema& schema) {
    std::string out;
    for (const Table& table : schema.tables) {
        out += "table " + table.name;
        if (table.without_rowid) out += " WITHOUT ROWID";
        if (table.strict) out += " STRICT";
        out += "\n";
        for (const Column& column : table.columns) out += "  column " + describe(column) + "\n";
        if (!table.primary_key.empty())
            out += "  primary key (" + join(table.primary_key) + ")" + (table.autoincrement ? " AUTOINCREMENT" : "") +
                   "\n";
        for (const auto& unique : table.unique_constraints) out += "  unique (" + join(unique) + ")\n";
        for (const auto& check : table.checks)
            out += "  check " + (check.name.empty() ? "" : check.name + " ") + "(" + check.expression + ")\n";
        for (const auto& key : table.foreign_keys) out += "  foreign key " + describe(key) + "\n";
        for (const auto& constraint : table.constraints)
            out += "  constraint " + constraint.name + " " + constraint.expression + "\n";
    }
    for (const Index& index : schema.indexes) out += describe(index) + "\n";
    for (const View& view : schema.views) out += "view " + view.name + ": " + view.canonical_sql + "\n";
    for (const Trigger& trigger : schema.triggers)
        out += "trigger " + trigger.name + " ON " + trigger.table + ": " + trigger.canonical_sql + "\n";
    for (const Object& object : schema.objects)
        out += object.kind + " " + object.name + ": " + object.definition + "\n";
    return out.empty() ? "(empty schema)\n" : out;
}

}  // namespace migrations::schema
