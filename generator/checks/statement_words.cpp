// @brief Statements of a section as words: the PostgreSQL lexer, split per dialect.
#include "checks/statement_words.hpp"

namespace migrations::generator {

namespace {

using postgresql::is_keyword;
using postgresql::Statement;
using postgresql::Token;
using postgresql::TokenKind;

// SQLite's split: at semicolons, except inside `CREATE [TEMP] TRIGGER ... BEGIN ... END`,
// which ends at the `END` (not one closing a CASE) followed by `;`. The same rule as
// sqlite3_complete(), with CASE ... END counted so that `... ELSE 0 END; END;` is one trigger.
std::vector<Statement> split_sqlite(std::string_view sql, const std::vector<Token>& tokens) {
    std::vector<Statement> statements;
    const std::size_t none = tokens.size();
    std::size_t begin = none;
    std::size_t words = 0;  // words of the current statement so far
    bool create = false;
    bool trigger = false;
    int cases = 0;
    bool after_end = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (token.kind == TokenKind::comment) continue;
        if (token.kind == TokenKind::semicolon) {
            if (trigger && !after_end) continue;  // a statement of the trigger's body
            if (begin != none) statements.push_back(Statement{begin, i, tokens[begin].line});
            begin = none;
            words = 0;
            create = trigger = after_end = false;
            cases = 0;
            continue;
        }
        if (begin == none) begin = i;
        after_end = false;
        if (token.kind != TokenKind::word) continue;
        if (words == 0) create = is_keyword(sql, token, "create");
        if (create && words <= 2 && is_keyword(sql, token, "trigger")) trigger = true;
        if (trigger && is_keyword(sql, token, "case")) {
            ++cases;
        } else if (trigger && is_keyword(sql, token, "end")) {
            if (cases > 0) {
                --cases;
            } else {
                after_end = true;
            }
        }
        ++words;
    }
    if (begin != none) statements.push_back(Statement{begin, tokens.size(), tokens[begin].line});
    return statements;
}

}  // namespace

Words::Words(std::string_view sql, const std::vector<Token>& tokens, const Statement& statement) : sql_(sql) {
    for (std::size_t i = statement.begin; i < statement.end; ++i) {
        if (tokens[i].kind != TokenKind::comment) tokens_.push_back(&tokens[i]);
    }
}

bool Words::is(std::size_t at, std::string_view keyword) const noexcept {
    return at < tokens_.size() && is_keyword(sql_, *tokens_[at], keyword);
}

bool Words::starts_with(std::initializer_list<std::string_view> keywords) const noexcept {
    std::size_t at = 0;
    for (const std::string_view keyword : keywords) {
        if (!is(at++, keyword)) return false;
    }
    return true;
}

bool Words::contains(std::string_view keyword) const noexcept {
    for (std::size_t at = 0; at < tokens_.size(); ++at) {
        if (is(at, keyword)) return true;
    }
    return false;
}

std::size_t Words::skip_parens(std::size_t at) const noexcept {
    if (at >= tokens_.size() || tokens_[at]->kind != TokenKind::open_paren) return at;
    int depth = 0;
    for (; at < tokens_.size(); ++at) {
        if (tokens_[at]->kind == TokenKind::open_paren) ++depth;
        if (tokens_[at]->kind == TokenKind::close_paren && --depth == 0) return at + 1;
    }
    return at;
}

SplitSection split_section(std::string_view sql, Dialect dialect) {
    SplitSection split;
    split.tokens = postgresql::lex(sql);
    split.statements = dialect == Dialect::sqlite ? split_sqlite(sql, split.tokens)
                                                  : postgresql::split_statements(sql, split.tokens);
    return split;
}

}  // namespace migrations::generator
