// @brief A small SQL tokenizer (quotes, comments, parentheses) and the text helpers built on
// it: canonical form for comparing SQL fragments, identifier quoting, literal detection.
#include "schema/sql_text.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>

namespace migrations::schema {
namespace {

bool is_word_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == '$' ||
           u >= 0x80;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// End of a quoted run starting at `i` (the opening quote), quotes doubled inside.
std::size_t skip_quoted(std::string_view sql, std::size_t i, char close) {
    for (std::size_t j = i + 1; j < sql.size(); ++j) {
        if (sql[j] != close) continue;
        if (close != ']' && j + 1 < sql.size() && sql[j + 1] == close) {
            ++j;
            continue;
        }
        return j + 1;
    }
    return sql.size();
}

constexpr std::array<std::string_view, 10> kOperators = {"->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"};

bool plain_identifier(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    if (!std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }))
        return false;
    return sqlite3_keyword_check(name.data(), static_cast<int>(name.size())) == 0;
}

}  // namespace

std::vector<Token> tokenize(std::string_view sql) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (is_space(c)) {
            ++i;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const std::size_t end = sql.find('\n', i);
            i = end == std::string_view::npos ? sql.size() : end + 1;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            const std::size_t end = sql.find("*/", i + 2);
            i = end == std::string_view::npos ? sql.size() : end + 2;
        } else if (c == '\'') {
            const std::size_t end = skip_quoted(sql, i, '\'');
            tokens.push_back({TokenKind::string, sql.substr(i, end - i), i});
            i = end;
        } else if ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'') {
            const std::size_t end = skip_quoted(sql, i + 1, '\'');
            tokens.push_back({TokenKind::string, sql.substr(i, end - i), i});
            i = end;
        } else if (c == '"' || c == '`' || c == '[') {
            const std::size_t end = skip_quoted(sql, i, c == '[' ? ']' : c);
            tokens.push_back({TokenKind::quoted_identifier, sql.substr(i, end - i), i});
            i = end;
        } else if (is_word_char(c) || ((c == '?' || c == ':' || c == '@') && i + 1 < sql.size()) ||
                   (c == '.' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9' &&
                    (tokens.empty() || tokens.back().kind == TokenKind::punct))) {
            const bool number = (c >= '0' && c <= '9') || c == '.';
            std::size_t end = i + 1;
            while (end < sql.size()) {
                const char d = sql[end];
                const bool exponent_sign =
                    number && (d == '+' || d == '-') && (sql[end - 1] == 'e' || sql[end - 1] == 'E');
                if (!is_word_char(d) && !(number && d == '.') && !exponent_sign) break;
                ++end;
            }
            tokens.push_back({TokenKind::word, sql.substr(i, end - i), i});
            i = end;
        } else {
            std::size_t length = 1;
            for (std::string_view op : kOperators) {
                if (sql.substr(i, op.size()) == op) {
                    length = op.size();
                    break;
                }
            }
            tokens.push_back({TokenKind::punct, sql.substr(i, length), i});
            i += length;
        }
    }
    return tokens;
}

std::string unquote(const Token& token) {
    if (token.kind != TokenKind::quoted_identifier && token.kind != TokenKind::string) return std::string(token.text);
    std::string_view body = token.text;
    const char open = body.front();
    const char close = open == '[' ? ']' : open;
    body.remove_prefix(1);
    if (!body.empty() && body.back() == close) body.remove_suffix(1);
    std::string name;
    for (std::size_t i = 0; i < body.size(); ++i) {
        name += body[i];
        if (close != ']' && body[i] == close && i + 1 < body.size() && body[i + 1] == close) ++i;
    }
    return name;
}

bool is_keyword(const Token& token, std::string_view keyword) {
    return token.kind == TokenKind::word && lower(token.text) == lower(keyword);
}

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return result;
}

std::string canonical(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
    std::string out;
    const Token* previous = nullptr;
    for (std::size_t i = begin; i < end && i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        std::string text;
        if (token.kind == TokenKind::word) {
            text = lower(token.text);
        } else if (token.kind == TokenKind::quoted_identifier) {
            const std::string name = unquote(token);
            text = plain_identifier(name) ? lower(name) : quote_identifier(name);
        } else {
            text = std::string(token.text);
        }
        if (previous != nullptr) {
            const std::string_view p = previous->text;
            const bool call = text == "(" && (previous->kind == TokenKind::quoted_identifier ||
                                              (previous->kind == TokenKind::word &&
                                               sqlite3_keyword_check(p.data(), static_cast<int>(p.size())) == 0));
            const bool tight = p == "(" || p == "." || text == ")" || text == "," || text == "." || text == ";" || call;
            if (!tight) out += ' ';
        }
        out += text;
        previous = &token;
    }
    return out;
}

std::string canonical(std::string_view sql) {
    const auto tokens = tokenize(sql);
    return canonical(tokens, 0, tokens.size());
}

std::size_t matching_paren(const std::vector<Token>& tokens, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::punct) continue;
        if (tokens[i].text == "(") ++depth;
        if (tokens[i].text == ")" && --depth == 0) return i;
    }
    return tokens.size();
}

std::vector<std::pair<std::size_t, std::size_t>> split_items(const std::vector<Token>& tokens, std::size_t begin,
                                                             std::size_t end) {
    std::vector<std::pair<std::size_t, std::size_t>> items;
    int depth = 0;
    std::size_t start = begin;
    for (std::size_t i = begin; i < end; ++i) {
        if (tokens[i].kind != TokenKind::punct) continue;
        if (tokens[i].text == "(") ++depth;
        if (tokens[i].text == ")") --depth;
        if (tokens[i].text == "," && depth == 0) {
            items.emplace_back(start, i);
            start = i + 1;
        }
    }
    if (start < end) items.emplace_back(start, end);
    return items;
}

bool mentions(std::string_view sql, std::string_view name) {
    const std::string wanted = lower(name);
    const auto tokens = tokenize(sql);
    return std::any_of(tokens.begin(), tokens.end(), [&](const Token& token) {
        return (token.kind == TokenKind::word || token.kind == TokenKind::quoted_identifier) &&
               lower(unquote(token)) == wanted;
    });
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string quote_string(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

bool is_literal(std::string_view expression) {
    const auto tokens = tokenize(expression);
    std::size_t i = 0;
    if (tokens.size() == 2 && tokens[0].kind == TokenKind::punct && (tokens[0].text == "-" || tokens[0].text == "+"))
        i = 1;
    if (tokens.size() != i + 1) return false;
    const Token& token = tokens[i];
    if (token.kind == TokenKind::string) return i == 0;
    if (token.kind != TokenKind::word) return false;
    if (token.text[0] >= '0' && token.text[0] <= '9') return true;
    if (token.text[0] == '.') return true;
    return i == 0 && (is_keyword(token, "null") || is_keyword(token, "true") || is_keyword(token, "false"));
}

}  // namespace migrations::schema
