// @brief The difference between two schema models as an ordered list of operations that
// turns the first into the second, dependency-ordered: triggers and views that use a changed
// object are dropped first and created last; indexes are dropped before their tables change
// and created after.
#pragma once

#include "schema/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace migrations::schema {

enum class OperationKind {
    /// PostgreSQL objects (model.hpp's Object) that disappear or change, before everything.
    drop_object,
    drop_trigger,
    drop_view,
    drop_index,
    drop_table,
    create_table,
    // Changes to one table, grouped per table, in this order:
    drop_foreign_key,
    drop_constraint,
    drop_column,
    add_column,
    alter_column,
    add_constraint,
    add_foreign_key,
    // After every table change:
    create_index,
    create_view,
    create_trigger,
    /// PostgreSQL objects that appear, and those whose definition changes (object_before and
    /// object_after), after everything.
    create_object,
    alter_object,
};

struct Operation {
    OperationKind kind;
    /// The table concerned: the table itself, the index's or trigger's table; "" for a view.
    std::string table;
    /// The object: table, column, index, view or trigger name; for a constraint or a foreign
    /// key its description ("UNIQUE (email)", "(owner_id) REFERENCES users (id)").
    std::string name;

    /// For every table operation: the whole table before and after all the changes made to
    /// it (absent before a create_table, after a drop_table), so the renderer can turn the run
    /// of operations on one table into ALTER TABLE statements or one rebuild.
    std::optional<Table> table_before;
    std::optional<Table> table_after;
    /// For table changes: the table's indexes that exist, unchanged, before and after; a
    /// rebuild must recreate them.
    std::vector<Index> kept_indexes;
    /// add/drop/alter_column: the column before and/or after.
    std::optional<Column> column_before;
    std::optional<Column> column_after;
    /// create/drop_index: the index.
    std::optional<Index> index;
    /// create/drop_view and _trigger: the object.
    std::optional<Definition> definition;

    /// True for a view or trigger dropped and recreated unchanged only because an object it
    /// uses changes: not a difference between the schemas.
    bool dependency = false;
    /// Set on a drop and an add that may be one rename, which cannot be told apart from the
    /// models ("column 'name' dropped and column 'full_name' added: if this is a rename, ...").
    std::string possible_rename;
    /// create/drop_index of an index that exists on both sides with different definitions:
    /// the drop and the create are one change, reported once, on the create (see reported()).
    bool changed = false;
    /// create_index with `changed`: the definition it replaces.
    std::optional<Index> index_before{};
    /// drop/create/alter_object: the object before and/or after.
    std::optional<Object> object_before{};
    std::optional<Object> object_after{};
};

/// The operations that turn `from` into `to`; empty when the schemas are equal.
std::vector<Operation> diff(const Schema& from, const Schema& to);

/// Where an operation applies, split so that callers can phrase their own messages:
/// {"users", "column 'email'"}, {"", "index 'users_email'"}, {"users", ""} for a table.
struct Subject {
    std::string table;
    std::string object;
};
Subject subject(const Operation& operation);

/// For alter_column: what changes, "type INTEGER -> TEXT, NULL -> NOT NULL, default 0 -> 1";
/// for a changed index (create_index with `changed`): "columns (a, b) -> (a, c), WHERE none -> x > 0".
std::string change_detail(const Operation& operation);

/// True for the operations a report of differences lists, one line each: not a dependency,
/// not the drop half of a changed index.
bool reported(const Operation& operation);

/// True for kinds that add an object or a column (create_*, add_*).
bool is_addition(OperationKind kind);

/// One line describing the operation: "add column 'todos.note' (note TEXT)", "alter index
/// 'i': columns (a) -> (b)".
std::string describe(const Operation& operation);

}  // namespace migrations::schema
