// @brief Reads CHECK constraints, collations and table options from CREATE TABLE text, and
// the parts and WHERE clause from CREATE INDEX text.
#include "schema/ddl_parser.hpp"

#include "schema/sql_text.hpp"

#include <array>

namespace migrations::schema {
namespace {

/// Keywords that start a constraint other than CHECK: a pending CONSTRAINT name is theirs.
constexpr std::array<std::string_view, 8> kOtherConstraints = {"primary", "not",        "null",      "unique",
                                                               "default", "references", "generated", "as"};

bool is_other_constraint(const Token& token) {
    for (std::string_view keyword : kOtherConstraints)
        if (is_keyword(token, keyword)) return true;
    return false;
}

bool starts_table_constraint(const Token& token) {
    return is_keyword(token, "constraint") || is_keyword(token, "primary") || is_keyword(token, "unique") ||
           is_keyword(token, "check") || is_keyword(token, "foreign");
}

/// Records the foreign keys of an item that are DEFERRABLE INITIALLY DEFERRED.
void scan_foreign_keys(const std::vector<Token>& tokens, std::size_t begin, std::size_t end, bool is_column,
                       TableText& out) {
    std::vector<std::string> columns;
    if (is_column) columns.push_back(lower(unquote(tokens[begin])));
    for (std::size_t i = begin; i < end; ++i) {
        if (!is_column && is_keyword(tokens[i], "foreign") && i + 2 < end && tokens[i + 2].text == "(") {
            columns.clear();
            const std::size_t close = matching_paren(tokens, i + 2);
            for (std::size_t j = i + 3; j < close; ++j)
                if (tokens[j].kind != TokenKind::punct) columns.push_back(lower(unquote(tokens[j])));
            i = close;
            continue;
        }
        if (!is_keyword(tokens[i], "references") || i + 1 >= end) continue;
        const std::string table = lower(unquote(tokens[i + 1]));
        std::size_t clause_end = i + 1;
        while (clause_end < end && !is_keyword(tokens[clause_end], "references") &&
               !is_keyword(tokens[clause_end], "constraint"))
            ++clause_end;
        for (std::size_t j = i + 1; j + 2 < clause_end; ++j) {
            if (is_keyword(tokens[j], "deferrable") && is_keyword(tokens[j + 1], "initially") &&
                is_keyword(tokens[j + 2], "deferred") && !is_keyword(tokens[j - 1], "not"))
                out.deferred_keys.emplace_back(columns, table);
        }
    }
}

/// Scans one column definition or table constraint at its own top level.
void scan_item(const std::vector<Token>& tokens, std::size_t begin, std::size_t end, bool is_column, TableText& out) {
    const std::string column = is_column ? lower(unquote(tokens[begin])) : std::string();
    std::string pending_name;
    for (std::size_t i = is_column ? begin + 1 : begin; i < end; ++i) {
        const Token& token = tokens[i];
        if (token.kind == TokenKind::punct && token.text == "(") {
            i = matching_paren(tokens, i);
            continue;
        }
        if (is_keyword(token, "constraint") && i + 1 < end) {
            pending_name = unquote(tokens[++i]);
        } else if (is_keyword(token, "check") && i + 1 < end && tokens[i + 1].text == "(") {
            const std::size_t close = matching_paren(tokens, i + 1);
            out.checks.push_back({pending_name, canonical(tokens, i + 2, close)});
            pending_name.clear();
            i = close;
        } else if (is_keyword(token, "as") && i + 1 < end && tokens[i + 1].text == "(" && is_column) {
            const std::size_t close = matching_paren(tokens, i + 1);
            const bool stored = close + 1 < end && is_keyword(tokens[close + 1], "stored");
            out.generated[column] = {canonical(tokens, i + 2, close), stored};
            pending_name.clear();
            i = close;
        } else if (is_keyword(token, "collate") && i + 1 < end && is_column) {
            out.collations[column] = lower(unquote(tokens[++i]));
        } else if (is_keyword(token, "autoincrement")) {
            out.autoincrement = true;
        } else if (is_other_constraint(token)) {
            pending_name.clear();
        }
    }
}

std::size_t find_word(const std::vector<Token>& tokens, std::size_t from, std::string_view word) {
    for (std::size_t i = from; i < tokens.size(); ++i)
        if (is_keyword(tokens[i], word)) return i;
    return tokens.size();
}

}  // namespace

TableText parse_create_table(std::string_view sql) {
    TableText out;
    const auto tokens = tokenize(sql);
    std::size_t open = 0;
    while (open < tokens.size() && tokens[open].text != "(") {
        if (is_keyword(tokens[open], "as")) return out;
        ++open;
    }
    if (open == tokens.size()) return out;
    const std::size_t close = matching_paren(tokens, open);
    for (const auto& [first, last] : split_items(tokens, open + 1, close)) {
        if (first == last) continue;
        const bool is_column = !starts_table_constraint(tokens[first]);
        scan_item(tokens, first, last, is_column, out);
        scan_foreign_keys(tokens, first, last, is_column, out);
    }
    for (std::size_t i = close + 1; i < tokens.size(); ++i) {
        if (is_keyword(tokens[i], "rowid")) out.without_rowid = true;
        if (is_keyword(tokens[i], "strict")) out.strict = true;
    }
    return out;
}

IndexText parse_create_index(std::string_view sql) {
    IndexText out;
    const auto tokens = tokenize(sql);
    const std::size_t on = find_word(tokens, 0, "on");
    std::size_t open = on;
    while (open < tokens.size() && tokens[open].text != "(") ++open;
    if (open == tokens.size()) return out;
    const std::size_t close = matching_paren(tokens, open);
    for (auto [first, last] : split_items(tokens, open + 1, close)) {
        // ASC is the default order: `(a ASC)` is the index `(a)`. (SQLite refuses NULLS
        // FIRST/LAST in CREATE INDEX, so there is no other default to drop.)
        if (last - first > 1 && is_keyword(tokens[last - 1], "asc")) --last;
        out.parts.push_back(canonical(tokens, first, last));
    }
    const std::size_t where = find_word(tokens, close, "where");
    if (where < tokens.size()) {
        std::size_t end = tokens.size();
        if (end > where + 1 && tokens[end - 1].text == ";") --end;
        out.where = canonical(tokens, where + 1, end);
    }
    return out;
}

}  // namespace migrations::schema
