// @brief A small PostgreSQL lexer that classifies SQL text (words, strings, quoted identifiers,
// dollar-quoted bodies, comments, semicolons) and finds where top-level statements start.
//
// It never decides what the database executes: PostgreSQL's multi-statement simple query
// splits a section. It serves two readers that only need to *classify*: the build-time check
// for statements that cannot run in a transaction block, and the runtime's error report,
// which maps "the N-th statement failed" to a line of the revision file when the server gives
// no error position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace migrations::postgresql {

enum class TokenKind : std::uint8_t {
    /// A keyword or unquoted identifier (letters, digits, `_`, `$`, bytes >= 0x80).
    word,
    /// `"..."` or `U&"..."`.
    quoted_identifier,
    /// `'...'`, `E'...'`, `B'...'`, `X'...'`, `U&'...'`.
    string,
    /// `$$...$$` or `$tag$...$tag$`.
    dollar_string,
    /// `-- ...` to the end of the line, or a (nestable) `/* ... */`.
    comment,
    semicolon,
    open_paren,
    close_paren,
    /// Anything else: numbers, operators, punctuation, parameters (`$1`).
    other,
};

struct Token {
    TokenKind kind;
    /// Byte offset of the token in the text, and its length in bytes.
    std::size_t offset;
    std::size_t length;
    /// 0-based line of the token's first byte (newlines before it).
    std::uint32_t line;
};

/// The tokens of `sql`, white space left out, comments included. Never throws for malformed
/// text (an unterminated string, comment or dollar quote runs to the end), except bad_alloc.
std::vector<Token> lex(std::string_view sql);

/// One top-level statement: the tokens from its first non-comment token up to (not
/// including) the semicolon that ends it.
struct Statement {
    /// Index of the first and one past the last token (into the lex() result).
    std::size_t begin;
    std::size_t end;
    /// 0-based line of the first token.
    std::uint32_t line;
};

/// The statements of `tokens` in order, as PostgreSQL's parser sees them: split at semicolons
/// outside parentheses and outside `BEGIN ATOMIC ... END` bodies; statements without
/// tokens other than comments (e.g. `;;`) are left out, as the server skips them.
std::vector<Statement> split_statements(std::string_view sql, const std::vector<Token>& tokens);

/// True when `token` is a word equal to `keyword` ignoring ASCII case (`keyword` lower-case).
bool is_keyword(std::string_view sql, const Token& token, std::string_view keyword) noexcept;

/// The tokens of one statement without its comments, for matching keywords by position.
class StatementWords {
public:
    /// `sql` and `tokens` must outlive the object.
    StatementWords(std::string_view sql, const std::vector<Token>& tokens, const Statement& statement);

    std::size_t size() const noexcept { return tokens_.size(); }
    const Token& token(std::size_t at) const noexcept { return *tokens_[at]; }
    /// The text of token `at`.
    std::string_view text(std::size_t at) const noexcept {
        return sql_.substr(tokens_[at]->offset, tokens_[at]->length);
    }
    /// True when token `at` exists and is the keyword (lower-case).
    bool is(std::size_t at, std::string_view keyword) const noexcept {
        return at < tokens_.size() && is_keyword(sql_, *tokens_[at], keyword);
    }
    /// True when the statement starts with `keywords`, in order.
    bool starts_with(std::initializer_list<std::string_view> keywords) const noexcept;
    /// True when `keyword` appears as a word anywhere in the statement.
    bool contains(std::string_view keyword) const noexcept;
    /// Index of the first token after a parenthesised group that starts at `at`, or `at` when
    /// none starts there.
    std::size_t skip_parens(std::size_t at) const noexcept;

private:
    std::string_view sql_;
    std::vector<const Token*> tokens_;
};

}  // namespace migrations::postgresql
