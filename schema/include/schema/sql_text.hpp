// @brief A small SQL tokenizer (quotes, comments, parentheses) and the text helpers built on
// it: canonical form for comparing SQL fragments, identifier quoting, literal detection.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::schema {

enum class TokenKind {
    word,               // keyword, bare identifier, number, variable
    quoted_identifier,  // "x", [x] or `x`
    string,             // 'x' or a blob x'00'
    punct,              // ( ) , ; . and operators
};

struct Token {
    TokenKind kind;
    /// The token exactly as written.
    std::string_view text;
    /// Offset of the token in the tokenized text.
    std::size_t offset;
};

/// Splits SQL text into tokens, dropping white space and comments. Never throws on odd input:
/// an unterminated quote or comment runs to the end of the text.
std::vector<Token> tokenize(std::string_view sql);

/// The name a word or quoted identifier token denotes (quotes removed, doubled quotes undone).
std::string unquote(const Token& token);

/// True when the token is the bare word `keyword`, compared case-insensitively.
bool is_keyword(const Token& token, std::string_view keyword);

/// ASCII lower case (SQLite's identifiers are case-insensitive in ASCII only).
std::string lower(std::string_view text);

/// Canonical text of tokens [begin, end): single spaces, bare words in lower case, quotes
/// dropped from identifiers that need none; two fragments that differ only in layout, case
/// or needless quoting have the same canonical text, and the text is valid SQL.
std::string canonical(const std::vector<Token>& tokens, std::size_t begin, std::size_t end);

/// canonical() of a whole text.
std::string canonical(std::string_view sql);

/// Index of the ")" that closes the "(" at `open`, or tokens.size() when unbalanced.
std::size_t matching_paren(const std::vector<Token>& tokens, std::size_t open);

/// Ranges [first, second) of the comma-separated items of tokens [begin, end), splitting
/// only at commas outside parentheses.
std::vector<std::pair<std::size_t, std::size_t>> split_items(const std::vector<Token>& tokens, std::size_t begin,
                                                             std::size_t end);

/// True when `sql` names `name` as an identifier anywhere (case-insensitive): used to find
/// the views and triggers that depend on a table.
bool mentions(std::string_view sql, std::string_view name);

/// `name` in double quotes, inner quotes doubled: always a valid SQLite identifier.
std::string quote_identifier(std::string_view name);

/// `text` in single quotes, inner quotes doubled.
std::string quote_string(std::string_view text);

/// True when `expression` is a constant literal (number with optional sign, string, blob,
/// NULL, TRUE, FALSE): the only defaults ALTER TABLE ADD COLUMN accepts.
bool is_literal(std::string_view expression);

}  // namespace migrations::schema
