// @brief Transaction control, statements refused in a transaction block, and commit
// boundaries: PostgreSQL's parse tree, SQLite's statement words.
#include "checks/transaction_control.hpp"

#include <cctype>
#include <cstring>

namespace migrations::generator {

namespace {

// The one wording of the transaction-control diagnostic, for both dialects.
StatementFinding transaction_control(std::uint32_t line, std::string_view what) {
    std::string message(what);
    message +=
        " in a transactional revision ends the migration's transaction: the statements after it would "
        "run outside it and a failure could no longer be rolled back; drop it (the runtime begins and "
        "commits the transaction), or add `-- transactional: false` to the header of this revision to "
        "run it on its own";
    return StatementFinding{line, std::string(what), std::move(message)};
}

// What an SQLite statement is when it starts, ends or abandons a transaction, else "".
std::string_view classify_sqlite(const Words& words) {
    if (words.starts_with({"begin"})) return "BEGIN";
    if (words.starts_with({"start", "transaction"})) return "START TRANSACTION";
    if (words.starts_with({"commit"})) return "COMMIT";
    if (words.starts_with({"end"})) return "END";
    if (words.starts_with({"rollback"})) {
        // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name stays inside the transaction.
        const std::size_t to = words.is(1, "work") || words.is(1, "transaction") ? 2 : 1;
        return words.is(to, "to") ? std::string_view() : "ROLLBACK";
    }
    return {};
}

// True when `text` starts with the keyword `word` (any case), as a whole word.
bool starts_with_keyword(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
    }
    return text.size() == word.size() ||
           !(std::isalnum(static_cast<unsigned char>(text[word.size()])) != 0 || text[word.size()] == '_');
}

// What a PostgreSQL TransactionStmt is when it starts, ends or abandons the transaction, else
// "". The tree says COMMIT for END and ROLLBACK for ABORT: the statement's first word names it
// as written.
std::string_view classify_transaction(const PgQuery__TransactionStmt& statement, std::string_view text) {
    switch (statement.kind) {
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
            return "BEGIN";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
            return "START TRANSACTION";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
            return starts_with_keyword(text, "end") ? "END" : "COMMIT";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
            return starts_with_keyword(text, "abort") ? "ABORT" : "ROLLBACK";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE:
            return "PREPARE TRANSACTION";
        default:
            return {};
    }
}

// True when the options (DefElem nodes) hold one named `name`.
bool has_option(PgQuery__Node* const* options, std::size_t count, const char* name) {
    for (std::size_t i = 0; i < count; ++i) {
        if (options[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && options[i]->def_elem->defname != nullptr &&
            std::strcmp(options[i]->def_elem->defname, name) == 0) {
            return true;
        }
    }
    return false;
}

// What the statement is when PostgreSQL refuses it in a transaction block, else "".
std::string_view classify_non_transactional(const PgQuery__Node& node) {
    switch (node.node_case) {
        case PG_QUERY__NODE__NODE_INDEX_STMT:
            return node.index_stmt->concurrent ? "CREATE INDEX CONCURRENTLY" : std::string_view();
        case PG_QUERY__NODE__NODE_DROP_STMT:
            return node.drop_stmt->concurrent ? "DROP INDEX CONCURRENTLY" : std::string_view();
        case PG_QUERY__NODE__NODE_REINDEX_STMT: {
            const PgQuery__ReindexStmt& reindex = *node.reindex_stmt;
            if (has_option(reindex.params, reindex.n_params, "concurrently")) return "REINDEX CONCURRENTLY";
            if (reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM) return "REINDEX SYSTEM";
            if (reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE) return "REINDEX DATABASE";
            if (reindex.kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA) return "REINDEX SCHEMA";
            return {};
        }
        case PG_QUERY__NODE__NODE_VACUUM_STMT:
            return node.vacuum_stmt->is_vacuumcmd ? "VACUUM" : std::string_view();  // ANALYZE alone is fine
        case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
            return "ALTER SYSTEM";
        case PG_QUERY__NODE__NODE_CREATEDB_STMT:
            return "CREATE DATABASE";
        case PG_QUERY__NODE__NODE_DROPDB_STMT:
            return "DROP DATABASE";
        case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT: {
            const PgQuery__AlterDatabaseStmt& alter = *node.alter_database_stmt;
            return has_option(alter.options, alter.n_options, "tablespace") ? "ALTER DATABASE ... SET TABLESPACE"
                                                                            : std::string_view();
        }
        case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
            return "CREATE TABLESPACE";
        case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
            return "DROP TABLESPACE";
        case PG_QUERY__NODE__NODE_DISCARD_STMT:
            return node.discard_stmt->target == PG_QUERY__DISCARD_MODE__DISCARD_ALL ? "DISCARD ALL"
                                                                                    : std::string_view();
        case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
            if (node.transaction_stmt->kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT_PREPARED) {
                return "COMMIT PREPARED";
            }
            if (node.transaction_stmt->kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_PREPARED) {
                return "ROLLBACK PREPARED";
            }
            return {};
        default:
            return {};
    }
}

}  // namespace

std::vector<StatementFinding> find_transaction_control(const ParsedSection& parsed) {
    std::vector<StatementFinding> found;
    for (const ParsedStatement& statement : parsed.statements()) {
        if (statement.node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) continue;
        const std::string_view what = classify_transaction(*statement.node->transaction_stmt, parsed.text(statement));
        if (!what.empty()) found.push_back(transaction_control(statement.line, what));
    }
    return found;
}

std::vector<StatementFinding> find_transaction_control(std::string_view sql, const SplitSection& split,
                                                       std::uint32_t first_line) {
    std::vector<StatementFinding> found;
    for (const postgresql::Statement& statement : split.statements) {
        const std::string_view what = classify_sqlite(Words(sql, split.tokens, statement));
        if (!what.empty()) found.push_back(transaction_control(first_line + statement.line, what));
    }
    return found;
}

std::vector<StatementFinding> find_transaction_control(std::string_view sql, std::uint32_t first_line,
                                                       Dialect dialect) {
    if (dialect == Dialect::postgresql) return find_transaction_control(ParsedSection(sql, first_line));
    return find_transaction_control(sql, split_section(sql), first_line);
}

std::vector<NonTransactionalStatement> find_non_transactional_statements(const ParsedSection& parsed) {
    std::vector<NonTransactionalStatement> found;
    for (const ParsedStatement& statement : parsed.statements()) {
        const std::string_view what = classify_non_transactional(*statement.node);
        if (what.empty()) continue;
        std::string message(what);
        message +=
            " cannot run inside a transaction block; add `-- transactional: false` to the header of this "
            "revision to run it on its own";
        found.push_back(NonTransactionalStatement{statement.line, std::string(what), std::move(message)});
    }
    return found;
}

std::vector<NonTransactionalStatement> find_non_transactional_statements(std::string_view sql,
                                                                         std::uint32_t first_line) {
    return find_non_transactional_statements(ParsedSection(sql, first_line));
}

std::vector<StatementFinding> find_commit_boundaries(const ParsedSection& parsed) {
    std::vector<StatementFinding> found;
    for (const ParsedStatement& statement : parsed.statements()) {
        if (statement.node->node_case != PG_QUERY__NODE__NODE_ALTER_ENUM_STMT) continue;
        if (adds_enum_value(*statement.node->alter_enum_stmt))
            found.push_back(StatementFinding{statement.line, "ALTER TYPE ... ADD VALUE", {}});
    }
    return found;
}

bool adds_enum_value(const PgQuery__AlterEnumStmt& alter) noexcept {
    return alter.new_val != nullptr && alter.new_val[0] != '\0' &&
           (alter.old_val == nullptr || alter.old_val[0] == '\0');
}

std::vector<StatementFinding> find_commit_boundaries(std::string_view sql, std::uint32_t first_line) {
    return find_commit_boundaries(ParsedSection(sql, first_line));
}

}  // namespace migrations::generator
