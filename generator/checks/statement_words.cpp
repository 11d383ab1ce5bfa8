// @brief Statements of a section as words: the PostgreSQL lexer, split per dialect.
#include "checks/statement_words.hpp"

namespace migrations::generator {

namespace {

using postgresql::is_keyword;
using postgresql::Statement;
using postgresql::Token;
using postgresql::TokenKind;

// The split both dialects share: at semicolons outside parentheses and outside two kinds of
// body, each running to its END (not one closing a CASE) and the `;` after it:
// - PostgreSQL's `BEGIN ATOMIC ... END` (SQL-standard function bodies), as
//   postgresql::split_statements() has it;
// - SQLite's `CREATE [TEMP] TRIGGER ... BEGIN ... END`, as sqlite3_complete() has it (with
//   CASE ... END counted, so `... ELSE 0 END; END;` is one trigger).
// One rule for both, so that a generic section holding an SQLite trigger does not show a
// stray END to the PostgreSQL checks: PostgreSQL's CREATE TRIGGER has no BEGIN.
std::vector<Statement> split_into_statements(std::string_view sql, const std::vector<Token>& tokens) {
    std::vector<Statement> statements;
    const std::size_t none = tokens.size();
    std::size_t begin = none;
    std::size_t words = 0;  // words of the current statement so far
    int parens = 0;
    bool create = false;
    bool trigger = false;
    bool body = false;
    int cases = 0;
    bool after_end = false;
    const auto next_token = [&](std::size_t i) -> const Token* {
        while (++i < tokens.size()) {
            if (tokens[i].kind != TokenKind::comment) return &tokens[i];
        }
        return nullptr;
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (token.kind == TokenKind::comment) continue;
        if (token.kind == TokenKind::semicolon && parens <= 0) {
            if (body && !after_end) continue;  // a statement of the body
            if (begin != none) statements.push_back(Statement{begin, i, tokens[begin].line});
            begin = none;
            words = 0;
            parens = cases = 0;
            create = trigger = body = after_end = false;
            continue;
        }
        if (begin == none) begin = i;
        after_end = false;
        if (token.kind == TokenKind::open_paren) ++parens;
        if (token.kind == TokenKind::close_paren) --parens;
        if (token.kind != TokenKind::word) continue;
        if (words == 0) create = is_keyword(sql, token, "create");
        if (create && words <= 2 && is_keyword(sql, token, "trigger")) trigger = true;
        if (!body && is_keyword(sql, token, "begin")) {
            const Token* next = next_token(i);
            body = (next != nullptr && is_keyword(sql, *next, "atomic")) ||
                   (trigger && (next == nullptr || next->kind != TokenKind::open_paren));
        } else if (body && is_keyword(sql, token, "case")) {
            ++cases;
        } else if (body && is_keyword(sql, token, "end")) {
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

SplitSection split_section(std::string_view sql) {
    SplitSection split;
    split.tokens = postgresql::lex(sql);
    split.statements = split_into_statements(sql, split.tokens);
    return split;
}

}  // namespace migrations::generator
