// @brief Finding statements that cannot run in a PostgreSQL transaction block.
#include "checks/postgresql_statements.hpp"

#include "postgresql/sql_lexer.hpp"

#include <initializer_list>

namespace migrations::generator {

namespace {

using postgresql::is_keyword;
using postgresql::Token;
using postgresql::TokenKind;

// The words of a statement (comments left out), for matching its leading keywords.
class Words {
public:
    Words(std::string_view sql, const std::vector<Token>& tokens, const postgresql::Statement& statement)
        : sql_(sql) {
        for (std::size_t i = statement.begin; i < statement.end; ++i) {
            if (tokens[i].kind != TokenKind::comment) tokens_.push_back(&tokens[i]);
        }
    }

    std::size_t size() const noexcept { return tokens_.size(); }

    /// True when token `at` is the keyword (lower-case).
    bool is(std::size_t at, std::string_view keyword) const noexcept {
        return at < tokens_.size() && is_keyword(sql_, *tokens_[at], keyword);
    }

    /// True when the statement starts with `keywords`, in order.
    bool starts_with(std::initializer_list<std::string_view> keywords) const noexcept {
        std::size_t at = 0;
        for (const std::string_view keyword : keywords) {
            if (!is(at++, keyword)) return false;
        }
        return true;
    }

    /// True when `keyword` appears as a word anywhere in the statement.
    bool contains(std::string_view keyword) const noexcept {
        for (std::size_t at = 0; at < tokens_.size(); ++at) {
            if (is(at, keyword)) return true;
        }
        return false;
    }

    /// Index of the first token after a parenthesised group that starts at `at`, or `at`
    /// when none starts there.
    std::size_t skip_parens(std::size_t at) const noexcept {
        if (at >= tokens_.size() || tokens_[at]->kind != TokenKind::open_paren) return at;
        int depth = 0;
        for (; at < tokens_.size(); ++at) {
            if (tokens_[at]->kind == TokenKind::open_paren) ++depth;
            if (tokens_[at]->kind == TokenKind::close_paren && --depth == 0) return at + 1;
        }
        return at;
    }

private:
    std::string_view sql_;
    std::vector<const Token*> tokens_;
};

// What the statement is when PostgreSQL refuses it in a transaction block, else "".
std::string_view classify(const Words& words) {
    if (words.starts_with({"create", "index", "concurrently"}) ||
        words.starts_with({"create", "unique", "index", "concurrently"})) {
        return "CREATE INDEX CONCURRENTLY";
    }
    if (words.starts_with({"drop", "index", "concurrently"})) return "DROP INDEX CONCURRENTLY";
    if (words.starts_with({"reindex"})) {
        const std::size_t kind = words.skip_parens(1);
        if (words.is(kind + 1, "concurrently")) return "REINDEX CONCURRENTLY";
        if (words.is(kind, "system")) return "REINDEX SYSTEM";
        if (words.is(kind, "database")) return "REINDEX DATABASE";
        if (words.is(kind, "schema")) return "REINDEX SCHEMA";
        return {};
    }
    if (words.starts_with({"vacuum"})) return "VACUUM";
    if (words.starts_with({"alter", "system"})) return "ALTER SYSTEM";
    if (words.starts_with({"create", "database"})) return "CREATE DATABASE";
    if (words.starts_with({"drop", "database"})) return "DROP DATABASE";
    if (words.starts_with({"alter", "database"}) && words.contains("tablespace") && words.contains("set")) {
        return "ALTER DATABASE ... SET TABLESPACE";
    }
    if (words.starts_with({"create", "tablespace"})) return "CREATE TABLESPACE";
    if (words.starts_with({"drop", "tablespace"})) return "DROP TABLESPACE";
    if (words.starts_with({"discard", "all"})) return "DISCARD ALL";
    return {};
}

}  // namespace

std::vector<NonTransactionalStatement> find_non_transactional_statements(std::string_view sql,
                                                                         std::uint32_t first_line) {
    std::vector<NonTransactionalStatement> found;
    const std::vector<Token> tokens = postgresql::lex(sql);
    for (const postgresql::Statement& statement : postgresql::split_statements(sql, tokens)) {
        const std::string_view what = classify(Words(sql, tokens, statement));
        if (what.empty()) continue;
        std::string message(what);
        message += " cannot run inside a transaction block; add `-- transactional: false` to the header of this "
                   "revision to run it on its own";
        found.push_back(NonTransactionalStatement{first_line + statement.line, std::string(what), std::move(message)});
    }
    return found;
}

}  // namespace migrations::generator
