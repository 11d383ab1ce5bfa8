// @brief diff() operations as PostgreSQL SQL, in dependency order.
#include "schema/postgresql_render.hpp"

#include "schema/sql_text.hpp"

#include <algorithm>
#include <cctype>

namespace migrations::schema {
namespace {

std::string quoted(const std::string& name) { return quote_identifier(name); }

bool is_kind(const Operation& op, std::initializer_list<const char*> kinds) {
    const Object& object = op.object_after ? *op.object_after : *op.object_before;
    return std::any_of(kinds.begin(), kinds.end(), [&](const char* kind) { return object.kind == kind; });
}

/// Objects that tables use: created before the tables, dropped after them.
bool used_by_tables(const Operation& op) {
    return is_kind(op, {"extension", "type", "domain", "sequence", "function"});
}

std::string column_definition(const Column& column) {
    std::string out = quoted(column.name) + " " + column.type;
    if (column.collation) out += " COLLATE " + quoted(*column.collation);
    if (column.generated) out += " GENERATED ALWAYS AS (" + *column.generated + ") STORED";
    if (!column.identity.empty()) out += " GENERATED " + column.identity + " AS IDENTITY";
    if (column.default_value) out += " DEFAULT " + *column.default_value;
    if (column.not_null) out += " NOT NULL";
    return out;
}

bool is_foreign_key(const CheckConstraint& constraint) { return constraint.expression.rfind("FOREIGN KEY", 0) == 0; }

const CheckConstraint* constraint_named(const Table& table, const std::string& item) {
    for (const CheckConstraint& constraint : table.constraints)
        if ("CONSTRAINT " + constraint.name + " " + constraint.expression == item) return &constraint;
    return nullptr;
}

std::vector<std::string> enum_labels(const std::string& definition) {
    std::vector<std::string> labels;
    const std::size_t open = definition.find("ENUM (");
    if (open == std::string::npos) return labels;
    for (std::size_t i = open + 6; i < definition.size(); ++i) {
        if (definition[i] != '\'') continue;
        std::string label;
        for (++i; i < definition.size(); ++i) {
            if (definition[i] == '\'' && i + 1 < definition.size() && definition[i + 1] == '\'') {
                label += '\'';
                ++i;
            } else if (definition[i] == '\'') {
                break;
            } else {
                label += definition[i];
            }
        }
        labels.push_back(label);
    }
    return labels;
}

struct Renderer {
    const Schema& from;
    const Schema& to;
    PostgresqlSql out;

    void line(const std::string& statement) { out.sql += statement + ";\n"; }
    void note(const std::string& text) {
        out.notes.push_back(text);
        out.sql += "-- NOTE: " + text + "\n";
    }

    void drop_object(const Object& object) {
        const std::string& kind = object.kind;
        if (kind == "comment") {
            line(object.definition.substr(0, std::string("COMMENT ON ").size() + object.name.size()) + " IS NULL");
        } else if (kind == "trigger") {
            line("DROP TRIGGER " + quoted(object.name.substr(object.table.size() + 1)) + " ON " + quoted(object.table));
        } else if (kind == "sequence") {
            // IF EXISTS: a serial column's sequence goes with its table.
            line("DROP SEQUENCE IF EXISTS " + quoted(object.name));
        } else if (kind == "function") {
            line("DROP ROUTINE " + object.name);
        } else {
            std::string keyword = kind == "type" ? "TYPE" : kind;
            for (char& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            line("DROP " + keyword + " " + quoted(object.name));
        }
    }

    void create_object(const Object& object) {
        if (object.kind == "index" && from.find_table(object.table) != nullptr) {
            std::string sql = object.definition;
            const std::string plain =
                sql.rfind("CREATE UNIQUE INDEX ", 0) == 0 ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
            sql.replace(0, plain.size(), plain + "CONCURRENTLY ");
            out.sql += "-- CONCURRENTLY: table '" + object.table +
                       "' exists already; writes go on while the index builds (hence transactional: false)\n";
            out.concurrently = true;
            line(sql);
            return;
        }
        line(object.definition);
    }

    /// An enum's labels can be added in place; removing one means rebuilding the type.
    void alter_enum(const Object& before, const Object& after) {
        const auto old_labels = enum_labels(before.definition);
        const auto new_labels = enum_labels(after.definition);
        std::size_t matched = 0;
        for (const auto& label : new_labels)
            if (matched < old_labels.size() && label == old_labels[matched]) ++matched;
        if (matched == old_labels.size()) {
            for (std::size_t i = 0; i < new_labels.size(); ++i) {
                if (std::find(old_labels.begin(), old_labels.end(), new_labels[i]) != old_labels.end()) continue;
                line("ALTER TYPE " + quoted(after.name) + " ADD VALUE " + quote_string(new_labels[i]) +
                     (i > 0 ? " AFTER " + quote_string(new_labels[i - 1])
                            : " BEFORE " + quote_string(new_labels[i + 1])));
            }
            return;
        }
        note("type '" + after.name +
             "' loses enum labels: it is rebuilt, and rows holding a removed label fail the cast");
        const std::string old_name = quoted(after.name + "_old");
        line("ALTER TYPE " + quoted(after.name) + " RENAME TO " + old_name);
        line(after.definition);
        for (const Table& table : to.tables) {
            for (const Column& column : table.columns) {
                if (column.type != after.name) continue;
                const std::string target = "ALTER TABLE " + quoted(table.name) + " ALTER COLUMN " + quoted(column.name);
                if (column.default_value) line(target + " DROP DEFAULT");
                line(target + " TYPE " + quoted(after.name) + " USING " + quoted(column.name) +
                     "::text::" + quoted(after.name));
                if (column.default_value) line(target + " SET DEFAULT " + *column.default_value);
            }
        }
        line("DROP TYPE " + old_name);
    }

    void alter_object(const Object& before, const Object& after, bool drop_part) {
        if (before.kind == "type") {
            if (!drop_part) alter_enum(before, after);
        } else if (before.kind == "function") {
            if (!drop_part) line(after.definition);  // CREATE OR REPLACE
        } else if (drop_part) {
            drop_object(before);
        } else {
            create_object(after);
        }
    }

    void alter_column(const Operation& op) {
        const Column& a = *op.column_before;
        const Column& b = *op.column_after;
        const std::string target = "ALTER TABLE " + quoted(op.table) + " ALTER COLUMN " + quoted(b.name);
        if (a.generated != b.generated) {
            line("ALTER TABLE " + quoted(op.table) + " DROP COLUMN " + quoted(a.name));
            line("ALTER TABLE " + quoted(op.table) + " ADD COLUMN " + column_definition(b));
            return;
        }
        if (a.default_value && a.default_value != b.default_value) line(target + " DROP DEFAULT");
        if (!a.identity.empty() && b.identity.empty()) line(target + " DROP IDENTITY");
        if (a.type != b.type || a.collation != b.collation)
            line(target + " TYPE " + b.type + (b.collation ? " COLLATE " + quoted(*b.collation) : "") + " USING " +
                 quoted(b.name) + "::" + b.type);
        if (a.not_null != b.not_null) line(target + (b.not_null ? " SET NOT NULL" : " DROP NOT NULL"));
        if (b.default_value && a.default_value != b.default_value) line(target + " SET DEFAULT " + *b.default_value);
        if (a.identity.empty() && !b.identity.empty()) line(target + " ADD GENERATED " + b.identity + " AS IDENTITY");
        if (!a.identity.empty() && !b.identity.empty() && a.identity != b.identity)
            line(target + " SET GENERATED " + b.identity);
    }

    void add_constraint(const std::string& table, const CheckConstraint& constraint, bool existing) {
        const std::string prefix = "ALTER TABLE " + quoted(table) + " ADD CONSTRAINT " + quoted(constraint.name) + " ";
        const bool deferrable_check = constraint.expression.rfind("CHECK", 0) == 0 || is_foreign_key(constraint);
        const bool not_valid = constraint.expression.size() >= 10 &&
                               constraint.expression.compare(constraint.expression.size() - 10, 10, " NOT VALID") == 0;
        if (!existing || !deferrable_check || not_valid) {
            line(prefix + constraint.expression);
            return;
        }
        // Rows are checked without the ACCESS EXCLUSIVE lock ADD CONSTRAINT alone would hold.
        line(prefix + constraint.expression + " NOT VALID");
        line("ALTER TABLE " + quoted(table) + " VALIDATE CONSTRAINT " + quoted(constraint.name));
    }

    void table_operation(const Operation& op) {
        if (!op.possible_rename.empty() && op.kind != OperationKind::add_column &&
            op.kind != OperationKind::create_table)
            note(op.possible_rename);
        switch (op.kind) {
            case OperationKind::drop_table:
                line("DROP TABLE " + quoted(op.name));
                break;
            case OperationKind::create_table: {
                std::string sql = "CREATE TABLE " + quoted(op.name) + " (";
                bool first = true;
                for (const Column& column : op.table_after->columns) {
                    sql += (first ? "\n    " : ",\n    ") + column_definition(column);
                    first = false;
                }
                for (const CheckConstraint& constraint : op.table_after->constraints) {
                    if (is_foreign_key(constraint)) continue;  // after every table exists
                    sql += (first ? "\n    " : ",\n    ") + std::string("CONSTRAINT ") + quoted(constraint.name) + " " +
                           constraint.expression;
                    first = false;
                }
                line(sql + "\n)");
                break;
            }
            case OperationKind::drop_column:
                line("ALTER TABLE " + quoted(op.table) + " DROP COLUMN " + quoted(op.name));
                break;
            case OperationKind::add_column:
                line("ALTER TABLE " + quoted(op.table) + " ADD COLUMN " + column_definition(*op.column_after));
                break;
            case OperationKind::alter_column:
                alter_column(op);
                break;
            case OperationKind::drop_constraint:
            case OperationKind::drop_foreign_key:
                if (const CheckConstraint* constraint = constraint_named(*op.table_before, op.name))
                    line("ALTER TABLE " + quoted(op.table) + " DROP CONSTRAINT " + quoted(constraint->name));
                break;
            case OperationKind::add_constraint:
            case OperationKind::add_foreign_key:
                if (const CheckConstraint* constraint = constraint_named(*op.table_after, op.name))
                    add_constraint(op.table, *constraint, true);
                break;
            default:
                break;
        }
    }

    void run(const std::vector<Operation>& operations) {
        auto objects = [&](bool tables_use_them, auto&& visit) {
            for (const Operation& op : operations)
                if ((op.kind == OperationKind::drop_object || op.kind == OperationKind::create_object ||
                     op.kind == OperationKind::alter_object) &&
                    used_by_tables(op) == tables_use_them)
                    visit(op);
        };
        // 1. What uses tables goes first (indexes, views, triggers, comments).
        objects(false, [&](const Operation& op) {
            if (op.kind == OperationKind::drop_object) drop_object(*op.object_before);
            if (op.kind == OperationKind::alter_object) alter_object(*op.object_before, *op.object_after, true);
        });
        // 2. What tables use, created before them.
        objects(true, [&](const Operation& op) {
            if (op.kind == OperationKind::create_object) create_object(*op.object_after);
            if (op.kind == OperationKind::alter_object) alter_object(*op.object_before, *op.object_after, false);
        });
        // 3. Tables: the foreign keys of dropped tables first (they may refer to one another),
        // changes and creations, drops, then the foreign keys of new tables (all exist by then).
        for (const Operation& op : operations)
            if (op.kind == OperationKind::drop_table)
                for (const CheckConstraint& constraint : op.table_before->constraints)
                    if (is_foreign_key(constraint))
                        line("ALTER TABLE " + quoted(op.name) + " DROP CONSTRAINT " + quoted(constraint.name));
        for (const Operation& op : operations)
            if (op.kind != OperationKind::drop_table) table_operation(op);
        for (const Operation& op : operations)
            if (op.kind == OperationKind::drop_table) table_operation(op);
        for (const Operation& op : operations)
            if (op.kind == OperationKind::create_table)
                for (const CheckConstraint& constraint : op.table_after->constraints)
                    if (is_foreign_key(constraint)) add_constraint(op.name, constraint, false);
        // 4. What tables used, dropped after them; what uses tables, created last.
        objects(true, [&](const Operation& op) {
            if (op.kind == OperationKind::drop_object) drop_object(*op.object_before);
        });
        objects(false, [&](const Operation& op) {
            if (op.kind == OperationKind::create_object) create_object(*op.object_after);
            if (op.kind == OperationKind::alter_object) alter_object(*op.object_before, *op.object_after, false);
        });
    }
};

}  // namespace

PostgresqlSql render_postgresql(const std::vector<Operation>& operations, const Schema& from, const Schema& to) {
    Renderer renderer{from, to, {}};
    renderer.run(operations);
    return std::move(renderer.out);
}

PostgresqlMigration render_postgresql_migration(const Schema& from, const Schema& to) {
    return {render_postgresql(diff(from, to), from, to), render_postgresql(diff(to, from), to, from)};
}

}  // namespace migrations::schema
