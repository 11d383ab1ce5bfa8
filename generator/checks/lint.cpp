// @brief The safety lint's rules over PostgreSQL's parse tree, one revision at a time.
#include "checks/lint.hpp"

#include <algorithm>
#include <cstring>

#include "checks/transaction_control.hpp"
#include "postgresql/sql_lexer.hpp"

namespace migrations::generator {

namespace {

constexpr std::string_view kCreateIndex = "create-index-without-concurrently";
constexpr std::string_view kVolatileDefault = "add-column-volatile-default";
constexpr std::string_view kTypeChange = "column-type-change";
constexpr std::string_view kSetNotNull = "set-not-null";
constexpr std::string_view kNotValid = "constraint-without-not-valid";
constexpr std::string_view kEnumLabel = "enum-label-used-in-transaction";
constexpr std::string_view kRenameDrop = "rename-or-drop";

// Functions PostgreSQL declares VOLATILE that migrations use as column defaults: such a
// default is evaluated per row, so ADD COLUMN rewrites the table (a constant or a STABLE
// function such as now() is stored once in the catalog since PostgreSQL 11).
constexpr const char* kVolatileFunctions[] = {
    "random",          "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
    "clock_timestamp", "timeofday",       "nextval",          "txid_current",       "setseed",
};

const char* string_value(const PgQuery__Node* node) {
    return node != nullptr && node->node_case == PG_QUERY__NODE__NODE_STRING ? node->string->sval : nullptr;
}

// The last name of a qualified name list (`public.f` -> "f").
std::string last_name(PgQuery__Node* const* names, std::size_t count) {
    const char* name = count == 0 ? nullptr : string_value(names[count - 1]);
    return name == nullptr ? std::string() : std::string(name);
}

// True when `node` (an expression) calls a volatile function anywhere in it.
bool calls_volatile(const PgQuery__Node* node) {
    if (node == nullptr) return false;
    switch (node->node_case) {
        case PG_QUERY__NODE__NODE_FUNC_CALL: {
            const std::string name = last_name(node->func_call->funcname, node->func_call->n_funcname);
            for (const char* volatile_name : kVolatileFunctions) {
                if (name == volatile_name) return true;
            }
            for (std::size_t i = 0; i < node->func_call->n_args; ++i) {
                if (calls_volatile(node->func_call->args[i])) return true;
            }
            return false;
        }
        case PG_QUERY__NODE__NODE_TYPE_CAST:
            return calls_volatile(node->type_cast->arg);
        case PG_QUERY__NODE__NODE_A_EXPR:
            return calls_volatile(node->a_expr->lexpr) || calls_volatile(node->a_expr->rexpr);
        case PG_QUERY__NODE__NODE_COALESCE_EXPR:
            for (std::size_t i = 0; i < node->coalesce_expr->n_args; ++i) {
                if (calls_volatile(node->coalesce_expr->args[i])) return true;
            }
            return false;
        default:
            return false;
    }
}

// The serial pseudo-types: a column default of nextval() on a new sequence.
bool is_serial(const PgQuery__TypeName* type) {
    if (type == nullptr) return false;
    const std::string name = last_name(type->names, type->n_names);
    return name == "serial" || name == "bigserial" || name == "smallserial" || name == "serial4" || name == "serial8" ||
           name == "serial2";
}

// A type change PostgreSQL makes without a rewrite whatever the old type of a text column:
// to `text` or to an unbounded `varchar`.
bool never_rewrites(const PgQuery__TypeName* type) {
    if (type == nullptr) return false;
    const std::string name = last_name(type->names, type->n_names);
    return type->n_array_bounds == 0 && (name == "text" || (name == "varchar" && type->n_typmods == 0));
}

// The column of `CHECK (column IS NOT NULL)`, or "".
std::string not_null_column(const PgQuery__Constraint& constraint) {
    const PgQuery__Node* expr = constraint.raw_expr;
    if (constraint.contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK || expr == nullptr ||
        expr->node_case != PG_QUERY__NODE__NODE_NULL_TEST ||
        expr->null_test->nulltesttype != PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL) {
        return {};
    }
    const PgQuery__Node* arg = expr->null_test->arg;
    if (arg == nullptr || arg->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return {};
    return last_name(arg->column_ref->fields, arg->column_ref->n_fields);
}

std::string relation_name(const PgQuery__RangeVar* relation) {
    return relation == nullptr || relation->relname == nullptr ? std::string() : std::string(relation->relname);
}

}  // namespace

const std::vector<LintRule>& lint_rules() {
    static const std::vector<LintRule> kRules = {
        {kCreateIndex, "CREATE INDEX blocks writes to the table until the index is built",
         "use CREATE INDEX CONCURRENTLY in a revision of its own with `-- transactional: false`"},
        {kVolatileDefault,
         "a volatile DEFAULT is evaluated per row: ADD COLUMN rewrites the table under an ACCESS EXCLUSIVE lock",
         "add the column without a default (or with a constant one), then fill it in batches"},
        {kTypeChange,
         "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (unless "
         "the change is binary-coercible)",
         "add a column of the new type, copy the data in batches, then switch the readers over"},
        {kSetNotNull, "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
         "first ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT, then SET NOT "
         "NULL (PostgreSQL 12+ uses the validated constraint instead of the scan)"},
        {kNotValid,
         "adding a FOREIGN KEY or CHECK constraint checks every row while blocking writes (a foreign key also "
         "locks the referenced table)",
         "add it NOT VALID, then VALIDATE CONSTRAINT in a later statement or revision (which allows writes)"},
        {kEnumLabel,
         "a label added by ALTER TYPE ... ADD VALUE cannot be used before the transaction commits (\"unsafe use "
         "of new value\")",
         "use the label in a later revision: the runtime commits after a revision that adds enum labels"},
        {kRenameDrop,
         "the binary still running during the deploy reads the old name: renaming or dropping a table or column "
         "breaks it",
         "stop using it in a release first, then drop it in a later revision; for a rename, add the new "
         "column and copy"},
    };
    return kRules;
}

bool allowed(std::string_view sql, std::uint32_t first_line, std::uint32_t line, std::string_view rule) {
    if (line <= first_line) return false;
    // Line `line - 1` of the file is line `line - 1 - first_line` of the section.
    std::size_t start = 0;
    for (std::uint32_t skip = line - 1 - first_line; skip > 0; --skip) {
        start = sql.find('\n', start);
        if (start == std::string_view::npos) return false;
        ++start;
    }
    const std::size_t end = sql.find('\n', start);
    std::string_view text = sql.substr(start, end == std::string_view::npos ? sql.size() - start : end - start);
    constexpr std::string_view kMarker = "-- migrations: allow ";
    const std::size_t marker = text.find(kMarker);
    if (marker == std::string_view::npos) return false;
    text.remove_prefix(marker + kMarker.size());
    while (!text.empty()) {
        const std::size_t stop = text.find_first_of(", \t\r");
        const std::string_view id = text.substr(0, stop);
        if (id == rule) return true;
        if (stop == std::string_view::npos) break;
        text.remove_prefix(stop + 1);
    }
    return false;
}

void RevisionLint::check(const ParsedSection& parsed, std::string_view sql, std::uint32_t first_line) {
    sql_ = sql;
    first_line_ = first_line;
    for (const ParsedStatement& statement : parsed.statements()) this->statement(parsed, statement);
}

void RevisionLint::report(std::uint32_t line, std::string_view rule, std::string_view what) {
    if (allowed(sql_, first_line_, line, rule)) return;
    for (const LintRule& known : lint_rules()) {
        if (known.id != rule) continue;
        std::string message = "[" + std::string(rule) + "] " + std::string(what) + ": " + std::string(known.reason) +
                              "; " + std::string(known.alternative);
        findings_.push_back(LintFinding{line, std::string(rule), std::move(message)});
    }
}

void RevisionLint::statement(const ParsedSection& parsed, const ParsedStatement& statement) {
    const PgQuery__Node* node = statement.node;
    if (!new_labels_.empty()) {
        // A later statement naming a label added in this transaction, as a string literal.
        const std::string_view text = parsed.text(statement);
        for (const postgresql::Token& token : postgresql::lex(text)) {
            if (token.kind != postgresql::TokenKind::string) continue;
            const std::string_view literal = text.substr(token.offset, token.length);
            for (const std::string& label : new_labels_) {
                if (literal == "'" + label + "'") {
                    report(statement.line + token.line, kEnumLabel,
                           "enum label '" + label + "' used in the transaction that adds it");
                }
            }
        }
    }
    switch (node->node_case) {
        case PG_QUERY__NODE__NODE_CREATE_STMT:
            created_.insert(relation_name(node->create_stmt->relation));
            break;
        case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
            if (node->create_table_as_stmt->into != nullptr)
                created_.insert(relation_name(node->create_table_as_stmt->into->rel));
            break;
        case PG_QUERY__NODE__NODE_INDEX_STMT: {
            const PgQuery__IndexStmt& index = *node->index_stmt;
            if (!index.concurrent && created_.count(relation_name(index.relation)) == 0) {
                report(statement.line, kCreateIndex, "CREATE INDEX on existing table " + relation_name(index.relation));
            }
            break;
        }
        case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
            if (node->alter_table_stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
                alter_table(*node->alter_table_stmt, statement.line);
            break;
        case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
            if (adds_enum_value(*node->alter_enum_stmt) && transactional_) {
                new_labels_.emplace_back(node->alter_enum_stmt->new_val);
            }
            break;
        case PG_QUERY__NODE__NODE_RENAME_STMT: {
            const PgQuery__RenameStmt& rename = *node->rename_stmt;
            const std::string table = relation_name(rename.relation);
            if (created_.count(table) != 0) break;
            if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
                report(statement.line, kRenameDrop, "renaming table " + table);
            } else if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN) {
                report(statement.line, kRenameDrop, "renaming column " + table + "." + std::string(rename.subname));
            }
            break;
        }
        case PG_QUERY__NODE__NODE_DROP_STMT: {
            const PgQuery__DropStmt& drop = *node->drop_stmt;
            if (drop.remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) break;
            for (std::size_t i = 0; i < drop.n_objects; ++i) {
                const PgQuery__Node* object = drop.objects[i];
                if (object->node_case != PG_QUERY__NODE__NODE_LIST) continue;
                const std::string table = last_name(object->list->items, object->list->n_items);
                if (created_.count(table) == 0) report(statement.line, kRenameDrop, "dropping table " + table);
            }
            break;
        }
        default:
            break;
    }
}

void RevisionLint::alter_table(const PgQuery__AlterTableStmt& alter, std::uint32_t line) {
    const std::string table = relation_name(alter.relation);
    if (created_.count(table) != 0) return;
    for (std::size_t i = 0; i < alter.n_cmds; ++i) {
        if (alter.cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) continue;
        const PgQuery__AlterTableCmd& command = *alter.cmds[i]->alter_table_cmd;
        const std::string column = command.name == nullptr ? std::string() : std::string(command.name);
        const PgQuery__Node* def = command.def;
        switch (command.subtype) {
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
                if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) break;
                const PgQuery__ColumnDef& added = *def->column_def;
                bool rewrites = is_serial(added.type_name);
                for (std::size_t c = 0; c < added.n_constraints; ++c) {
                    const PgQuery__Node* constraint = added.constraints[c];
                    if (constraint->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
                        constraint->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT) {
                        rewrites = rewrites || calls_volatile(constraint->constraint->raw_expr);
                    }
                }
                if (rewrites)
                    report(line, kVolatileDefault,
                           "ADD COLUMN " + std::string(added.colname) + " with a volatile default");
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
                const PgQuery__TypeName* type = def != nullptr && def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF
                                                    ? def->column_def->type_name
                                                    : nullptr;
                if (!never_rewrites(type))
                    report(line, kTypeChange, "ALTER COLUMN " + column + " TYPE on table " + table);
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
                if (proven_not_null_.count({table, column}) == 0) {
                    report(line, kSetNotNull, "SET NOT NULL on " + table + "." + column);
                }
                break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint: {
                if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) break;
                const PgQuery__Constraint& constraint = *def->constraint;
                const bool checked = constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK ||
                                     constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN;
                if (checked && !constraint.skip_validation) {
                    report(line, kNotValid,
                           std::string(constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK ? "ADD CHECK"
                                                                                                 : "ADD FOREIGN KEY") +
                               " on table " + table + " without NOT VALID");
                }
                const std::string proven = not_null_column(constraint);
                if (!proven.empty() && constraint.conname != nullptr) {
                    not_null_checks_.push_back({constraint.conname, {table, proven}});
                    if (!constraint.skip_validation) proven_not_null_.insert({table, proven});
                }
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
                for (const auto& [name, where] : not_null_checks_) {
                    if (name == column && where.first == table) proven_not_null_.insert(where);
                }
                break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
                report(line, kRenameDrop, "dropping column " + table + "." + column);
                break;
            default:
                break;
        }
    }
}

}  // namespace migrations::generator
