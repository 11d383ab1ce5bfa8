// @brief The schema model: tables (columns, keys, constraints), indexes, views and triggers
// of one database, in a deterministic order, with equality and a readable description.
//
// Names are kept as the database spells them; objects are ordered and matched by their
// lower-case name, as SQLite resolves names. Column order is kept (it is how the table reads)
// but is not part of equality: SQLite's ALTER TABLE ADD COLUMN can only append, so a
// downgrade that re-adds a dropped column restores the schema without restoring its place.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace migrations::schema {

struct Column {
    std::string name;
    /// Declared type, upper case with single spaces ("INTEGER", "VARCHAR(20)"); "" when none.
    std::string type;
    bool not_null = false;
    /// The DEFAULT expression as SQLite reports it (without the outer parentheses).
    std::optional<std::string> default_value;
    /// COLLATE name in lower case, when the column declares one.
    std::optional<std::string> collation;
    /// For a generated column, its expression (canonical); `stored` tells STORED from VIRTUAL.
    std::optional<std::string> generated;
    bool stored = false;
    /// PostgreSQL identity column: "ALWAYS" or "BY DEFAULT"; "" otherwise (always for SQLite).
    std::string identity{};

    friend bool operator==(const Column& a, const Column& b);
    friend bool operator!=(const Column& a, const Column& b) { return !(a == b); }
};

struct ForeignKey {
    std::vector<std::string> columns;
    std::string referenced_table;
    /// Empty when the constraint refers to the parent's primary key implicitly.
    std::vector<std::string> referenced_columns;
    /// "NO ACTION", "RESTRICT", "SET NULL", "SET DEFAULT" or "CASCADE".
    std::string on_update = "NO ACTION";
    std::string on_delete = "NO ACTION";
    /// DEFERRABLE INITIALLY DEFERRED (read from the CREATE TABLE text: no pragma reports it).
    bool deferred = false;

    friend bool operator==(const ForeignKey& a, const ForeignKey& b);
    friend bool operator!=(const ForeignKey& a, const ForeignKey& b) { return !(a == b); }
    friend bool operator<(const ForeignKey& a, const ForeignKey& b);
};

struct CheckConstraint {
    /// The CONSTRAINT name, or "" when unnamed.
    std::string name;
    /// The expression in canonical form (see sql_text.hpp).
    std::string expression;

    friend bool operator==(const CheckConstraint& a, const CheckConstraint& b);
    friend bool operator!=(const CheckConstraint& a, const CheckConstraint& b) { return !(a == b); }
    friend bool operator<(const CheckConstraint& a, const CheckConstraint& b);
};

struct Table {
    std::string name;
    /// In declaration order.
    std::vector<Column> columns;
    /// Primary-key columns in key order; empty for a table keyed by rowid alone.
    std::vector<std::string> primary_key;
    /// INTEGER PRIMARY KEY AUTOINCREMENT.
    bool autoincrement = false;
    bool without_rowid = false;
    bool strict = false;
    /// Each UNIQUE constraint's columns; sorted.
    std::vector<std::vector<std::string>> unique_constraints;
    /// Sorted.
    std::vector<CheckConstraint> checks;
    /// Sorted.
    std::vector<ForeignKey> foreign_keys;
    /// PostgreSQL only (empty for SQLite, whose constraints are in the fields above): every
    /// constraint (primary key, unique, check, foreign key, exclusion) by name, its
    /// `expression` being the definition as pg_get_constraintdef() writes it, NOT VALID and
    /// DEFERRABLE included. Sorted.
    std::vector<CheckConstraint> constraints{};

    /// The column named `name` (case-insensitive), or nullptr.
    const Column* find_column(const std::string& name) const;

    /// Equal columns (by name, in any order), keys and constraints.
    friend bool operator==(const Table& a, const Table& b);
    friend bool operator!=(const Table& a, const Table& b) { return !(a == b); }
};

struct Index {
    std::string name;
    std::string table;
    bool unique = false;
    /// Each indexed column or expression, canonical, with its COLLATE and DESC ("email",
    /// "lower(email)", "created_at desc"); ASC, the default, is dropped, so `(a ASC)` is `(a)`.
    std::vector<std::string> parts;
    /// The partial index's WHERE expression, canonical; "" for a full index.
    std::string where;

    friend bool operator==(const Index& a, const Index& b);
    friend bool operator!=(const Index& a, const Index& b) { return !(a == b); }
};

/// A view or a trigger: objects defined by their whole statement.
struct Definition {
    std::string name;
    /// For a trigger, the table it fires on; for a view, "".
    std::string table;
    /// The CREATE statement as stored in sqlite_schema (used to recreate the object).
    std::string sql;
    /// canonical(sql): what equality compares.
    std::string canonical_sql;

    friend bool operator==(const Definition& a, const Definition& b);
    friend bool operator!=(const Definition& a, const Definition& b) { return !(a == b); }
};

using View = Definition;
using Trigger = Definition;

/// A PostgreSQL object other than a table and its constraints, defined by the statement that
/// creates it: "index", "view", "materialized view", "sequence", "type" (enum), "domain",
/// "function", "trigger", "extension" or "comment". SQLite schemas have none.
struct Object {
    std::string kind;
    /// The name PostgreSQL identifies it by: a function's with its argument types
    /// ("add(integer, integer)"), a comment's its target ("column todos.title").
    std::string name;
    /// The table an index, a trigger or a comment on a table or column belongs to; "" otherwise.
    std::string table;
    /// The statement that creates it, in canonical form (sql_text.hpp): what equality compares.
    std::string definition;

    friend bool operator==(const Object& a, const Object& b) {
        return a.kind == b.kind && a.name == b.name && a.table == b.table && a.definition == b.definition;
    }
    friend bool operator!=(const Object& a, const Object& b) { return !(a == b); }
};

/// A database schema. Every list is sorted by lower-case name.
struct Schema {
    std::vector<Table> tables;
    std::vector<Index> indexes;
    std::vector<View> views;
    std::vector<Trigger> triggers;
    /// PostgreSQL's other objects, sorted by kind then name.
    std::vector<Object> objects{};

    const Table* find_table(const std::string& name) const;
    const Index* find_index(const std::string& name) const;
    const View* find_view(const std::string& name) const;
    /// The object of `kind` named exactly `name`, or nullptr.
    const Object* find_object(const std::string& kind, const std::string& name) const;
    const Trigger* find_trigger(const std::string& name) const;

    /// Sorts every list into the model's order (call after building a Schema by hand).
    void sort();

    friend bool operator==(const Schema& a, const Schema& b);
    friend bool operator!=(const Schema& a, const Schema& b) { return !(a == b); }
};

/// Case-insensitive (ASCII) name equality, as SQLite compares identifiers.
bool same_name(const std::string& a, const std::string& b);

/// One line describing a column: `email TEXT NOT NULL DEFAULT ('x') COLLATE nocase`.
std::string describe(const Column& column);
/// One line describing a foreign key: `(owner_id) REFERENCES users (id) ON DELETE CASCADE`.
std::string describe(const ForeignKey& key);
/// One line describing an index: `UNIQUE INDEX users_email ON users (lower(email)) WHERE ...`.
std::string describe(const Index& index);
/// A readable, multi-line description of the whole schema, stable for a given model (used
/// in test failures and messages).
std::string describe(const Schema& schema);

}  // namespace migrations::schema
