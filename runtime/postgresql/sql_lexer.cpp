// @brief The PostgreSQL classifying lexer and top-level statement finder.
#include "postgresql/sql_lexer.hpp"

namespace migrations::postgresql {

namespace {

bool is_ident_start(unsigned char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool is_ident_char(unsigned char c) noexcept { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$'; }

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

class Lexer {
public:
    explicit Lexer(std::string_view sql) : sql_(sql) {}

    std::vector<Token> run() {
        std::vector<Token> tokens;
        while (skip_space()) {
            const std::size_t start = pos_;
            const std::uint32_t line = line_;
            const TokenKind kind = next();
            tokens.push_back(Token{kind, start, pos_ - start, line});
        }
        return tokens;
    }

private:
    char at(std::size_t i) const noexcept { return i < sql_.size() ? sql_[i] : '\0'; }

    void advance(std::size_t n = 1) noexcept {
        for (; n > 0 && pos_ < sql_.size(); --n) {
            if (sql_[pos_] == '\n') ++line_;
            ++pos_;
        }
    }

    bool skip_space() noexcept {
        while (pos_ < sql_.size() && is_space(sql_[pos_])) advance();
        return pos_ < sql_.size();
    }

    TokenKind next() {
        const char c = sql_[pos_];
        const char c1 = at(pos_ + 1);
        if (c == '-' && c1 == '-') {
            while (pos_ < sql_.size() && sql_[pos_] != '\n') advance();
            return TokenKind::comment;
        }
        if (c == '/' && c1 == '*') return block_comment();
        if (c == '\'') return quoted('\'', false);
        if (c == '"') {
            quoted('"', false);
            return TokenKind::quoted_identifier;
        }
        if ((c == 'e' || c == 'E') && c1 == '\'') {
            advance();
            return quoted('\'', true);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && c1 == '\'') {
            advance();
            return quoted('\'', false);
        }
        if ((c == 'u' || c == 'U') && c1 == '&' && (at(pos_ + 2) == '\'' || at(pos_ + 2) == '"')) {
            const char quote = at(pos_ + 2);
            advance(2);
            const TokenKind kind = quoted(quote, false);
            return quote == '"' ? TokenKind::quoted_identifier : kind;
        }
        if (c == '$') {
            if (std::size_t tag_end = dollar_tag_end(); tag_end != 0) return dollar_string(tag_end);
            advance();
            while (pos_ < sql_.size() && sql_[pos_] >= '0' && sql_[pos_] <= '9') advance();
            return TokenKind::other;
        }
        if (is_ident_start(static_cast<unsigned char>(c))) {
            while (pos_ < sql_.size() && is_ident_char(static_cast<unsigned char>(sql_[pos_]))) advance();
            return TokenKind::word;
        }
        advance();
        if (c == ';') return TokenKind::semicolon;
        if (c == '(') return TokenKind::open_paren;
        if (c == ')') return TokenKind::close_paren;
        return TokenKind::other;
    }

    TokenKind block_comment() noexcept {
        int depth = 0;
        while (pos_ < sql_.size()) {
            if (sql_[pos_] == '/' && at(pos_ + 1) == '*') {
                ++depth;
                advance(2);
            } else if (sql_[pos_] == '*' && at(pos_ + 1) == '/') {
                advance(2);
                if (--depth == 0) break;
            } else {
                advance();
            }
        }
        return TokenKind::comment;
    }

    // At the opening quote: consumes through the closing quote (doubled quotes stay inside;
    // with backslash escapes, `\x` too).
    TokenKind quoted(char quote, bool backslash_escapes) noexcept {
        advance();
        while (pos_ < sql_.size()) {
            const char c = sql_[pos_];
            if (backslash_escapes && c == '\\') {
                advance(2);
            } else if (c == quote) {
                advance();
                if (at(pos_) != quote) break;
                advance();
            } else {
                advance();
            }
        }
        return TokenKind::string;
    }

    // At '$': the offset one past the opening delimiter `$tag$`, or 0 when this '$' does not
    // open a dollar quote (e.g. a parameter `$1`).
    std::size_t dollar_tag_end() const noexcept {
        std::size_t i = pos_ + 1;
        if (at(i) == '$') return i + 1;
        if (!is_ident_start(static_cast<unsigned char>(at(i)))) return 0;
        while (i < sql_.size() && is_ident_char(static_cast<unsigned char>(sql_[i])) && sql_[i] != '$') ++i;
        return at(i) == '$' ? i + 1 : 0;
    }

    TokenKind dollar_string(std::size_t tag_end) noexcept {
        const std::string_view delimiter = sql_.substr(pos_, tag_end - pos_);
        const std::size_t close = sql_.find(delimiter, tag_end);
        advance((close == std::string_view::npos ? sql_.size() : close + delimiter.size()) - pos_);
        return TokenKind::dollar_string;
    }

    std::string_view sql_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 0;
};

}  // namespace

std::vector<Token> lex(std::string_view sql) { return Lexer(sql).run(); }

bool is_keyword(std::string_view sql, const Token& token, std::string_view keyword) noexcept {
    if (token.kind != TokenKind::word || token.length != keyword.size()) return false;
    for (std::size_t i = 0; i < keyword.size(); ++i) {
        char c = sql[token.offset + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != keyword[i]) return false;
    }
    return true;
}

std::vector<Statement> split_statements(std::string_view sql, const std::vector<Token>& tokens) {
    std::vector<Statement> statements;
    std::size_t begin = tokens.size();  // first non-comment token of the current statement
    int parens = 0;
    int blocks = 0;  // BEGIN ATOMIC ... END (and CASE ... END inside it) of SQL-standard bodies
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (token.kind == TokenKind::comment) continue;
        if (token.kind == TokenKind::semicolon && parens <= 0 && blocks <= 0) {
            if (begin < i) statements.push_back(Statement{begin, i, tokens[begin].line});
            begin = tokens.size();
            parens = 0;
            blocks = 0;
            continue;
        }
        if (begin == tokens.size()) begin = i;
        if (token.kind == TokenKind::open_paren) ++parens;
        if (token.kind == TokenKind::close_paren) --parens;
        if (token.kind != TokenKind::word) continue;
        if (is_keyword(sql, token, "begin")) {
            std::size_t next = i + 1;
            while (next < tokens.size() && tokens[next].kind == TokenKind::comment) ++next;
            if (next < tokens.size() && is_keyword(sql, tokens[next], "atomic")) ++blocks;
        } else if (blocks > 0 && is_keyword(sql, token, "case")) {
            ++blocks;
        } else if (blocks > 0 && is_keyword(sql, token, "end")) {
            --blocks;
        }
    }
    if (begin < tokens.size()) statements.push_back(Statement{begin, tokens.size(), tokens[begin].line});
    return statements;
}

StatementWords::StatementWords(std::string_view sql, const std::vector<Token>& tokens, const Statement& statement)
    : sql_(sql) {
    for (std::size_t i = statement.begin; i < statement.end; ++i) {
        if (tokens[i].kind != TokenKind::comment) tokens_.push_back(&tokens[i]);
    }
}

bool StatementWords::starts_with(std::initializer_list<std::string_view> keywords) const noexcept {
    std::size_t at = 0;
    for (const std::string_view keyword : keywords) {
        if (!is(at++, keyword)) return false;
    }
    return true;
}

bool StatementWords::contains(std::string_view keyword) const noexcept {
    for (std::size_t at = 0; at < tokens_.size(); ++at) {
        if (is(at, keyword)) return true;
    }
    return false;
}

std::size_t StatementWords::skip_parens(std::size_t at) const noexcept {
    if (at >= tokens_.size() || tokens_[at]->kind != TokenKind::open_paren) return at;
    int depth = 0;
    for (; at < tokens_.size(); ++at) {
        if (tokens_[at]->kind == TokenKind::open_paren) ++depth;
        if (tokens_[at]->kind == TokenKind::close_paren && --depth == 0) return at + 1;
    }
    return at;
}

}  // namespace migrations::postgresql
