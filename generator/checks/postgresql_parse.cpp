// @brief PostgreSQL's parser over a section: syntax errors placed in the file, PL/pgSQL bodies
// checked, statements kept as parse trees.
#include "checks/postgresql_parse.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "postgresql/sql_lexer.hpp"

namespace migrations::generator {

namespace {

// The byte offset of 1-based character `position` of `text` (PostgreSQL counts a cursor
// position in characters of the database encoding, UTF-8 here).
std::size_t byte_of_character(std::string_view text, int position) {
    std::size_t at = 0;
    for (int characters = 1; at < text.size() && characters < position; ++characters) {
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    }
    return at;
}

// 1-based column, in characters, of byte `offset` of `text`.
std::uint32_t column_of(std::string_view text, std::size_t offset) {
    const std::size_t newline = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t start = (newline == std::string_view::npos || offset == 0) ? 0 : newline + 1;
    std::uint32_t column = 1;
    for (std::size_t at = start; at < offset; ++at) {
        if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) ++column;
    }
    return column;
}

// The String value of a DefElem's argument (`LANGUAGE plpgsql`, or `AS` as a one-item list),
// or null.
const char* definition_string(const PgQuery__Node* arg) {
    if (arg == nullptr) return nullptr;
    if (arg->node_case == PG_QUERY__NODE__NODE_STRING) return arg->string->sval;
    if (arg->node_case == PG_QUERY__NODE__NODE_LIST && arg->list->n_items >= 1 &&
        arg->list->items[0]->node_case == PG_QUERY__NODE__NODE_STRING) {
        return arg->list->items[0]->string->sval;
    }
    return nullptr;
}

// The language and body of a CREATE FUNCTION or DO statement (null when not one).
struct Routine {
    const char* language = nullptr;
    const char* body = nullptr;
    bool is_do = false;
};
Routine routine_of(const PgQuery__Node* node) {
    Routine routine;
    PgQuery__Node** options = nullptr;
    std::size_t count = 0;
    if (node->node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT) {
        options = node->create_function_stmt->options;
        count = node->create_function_stmt->n_options;
    } else if (node->node_case == PG_QUERY__NODE__NODE_DO_STMT) {
        options = node->do_stmt->args;
        count = node->do_stmt->n_args;
        routine.is_do = true;
        routine.language = "plpgsql";
    } else {
        return routine;
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
        const PgQuery__DefElem* element = options[i]->def_elem;
        if (std::strcmp(element->defname, "language") == 0) routine.language = definition_string(element->arg);
        if (std::strcmp(element->defname, "as") == 0) routine.body = definition_string(element->arg);
    }
    return routine;
}

// The bytes of sql[offset, offset + length) from its first token to the end of its last,
// comments left out (a statement as the parser gives it starts after the previous `;`).
std::pair<std::size_t, std::size_t> token_span(std::string_view sql, std::size_t offset, std::size_t length) {
    std::size_t start = 0;
    std::size_t end = length;
    bool first = true;
    for (const postgresql::Token& token : postgresql::lex(sql.substr(offset, length))) {
        if (token.kind == postgresql::TokenKind::comment) continue;
        if (first) start = token.offset;
        first = false;
        end = token.offset + token.length;
    }
    return {offset + start, offset + std::max(start, end)};
}

}  // namespace

std::uint32_t line_of(std::string_view text, std::size_t offset) noexcept {
    std::uint32_t line = 0;
    for (std::size_t at = 0; at < offset && at < text.size(); ++at) line += text[at] == '\n' ? 1 : 0;
    return line;
}

void ParsedSection::Free::operator()(PgQuery__ParseResult* result) const noexcept {
    pg_query__parse_result__free_unpacked(result, nullptr);
}

ParsedSection::ParsedSection(std::string_view sql, std::uint32_t first_line) : sql_(sql), first_line_(first_line) {
    // The C parser would stop at a NUL byte; the revision parser refuses such a file anyway.
    if (sql_.find('\0') != std::string::npos) return;
    PgQueryProtobufParseResult result = pg_query_parse_protobuf(sql_.c_str());
    if (result.error != nullptr) {
        const int cursor = result.error->cursorpos;
        const std::size_t at = byte_of_character(sql_, cursor);
        errors_.push_back(
            SyntaxError{first_line_ + line_of(sql_, at), cursor > 0 ? column_of(sql_, at) : 0, result.error->message});
        pg_query_free_protobuf_parse_result(result);
        return;
    }
    tree_.reset(pg_query__parse_result__unpack(nullptr, result.parse_tree.len,
                                               reinterpret_cast<const std::uint8_t*>(result.parse_tree.data)));
    pg_query_free_protobuf_parse_result(result);
    if (!tree_) return;
    for (std::size_t i = 0; i < tree_->n_stmts; ++i) {
        const PgQuery__RawStmt* raw = tree_->stmts[i];
        const auto offset = static_cast<std::size_t>(raw->stmt_location);
        const std::size_t length = raw->stmt_len == 0 ? sql_.size() - offset : static_cast<std::size_t>(raw->stmt_len);
        // stmt_location counts the white space and comments after the previous `;`: the
        // statement starts at its first token.
        const auto [start, end] = token_span(sql_, offset, length);
        statements_.push_back(
            ParsedStatement{start, offset + length - start, first_line_ + line_of(sql_, start), end, raw->stmt});
    }
    split_ = true;
    for (const ParsedStatement& statement : statements_) check_plpgsql(statement);
}

void ParsedSection::check_plpgsql(const ParsedStatement& statement) {
    const Routine routine = routine_of(statement.node);
    if (routine.language == nullptr || routine.body == nullptr || std::strcmp(routine.language, "plpgsql") != 0) return;
    const std::string text(this->text(statement));
    PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(text.c_str());
    if (result.error != nullptr) {
        // PL/pgSQL names a line of the body ("compilation of PL/pgSQL function "f" near line
        // 3"), line 1 being the line on which the body starts.
        std::uint32_t body_line = 1;
        std::string where = routine.is_do ? "the DO block" : "the function";
        if (result.error->context != nullptr) {
            const std::string_view context = result.error->context;
            const std::size_t near = context.rfind("near line ");
            if (near != std::string_view::npos) {
                body_line = static_cast<std::uint32_t>(std::strtoul(result.error->context + near + 10, nullptr, 10));
            }
            const std::size_t name = context.find('"');
            const std::size_t end = name == std::string_view::npos ? name : context.find('"', name + 1);
            if (!routine.is_do && end != std::string_view::npos) {
                where = "function " + std::string(context.substr(name + 1, end - name - 1));
            }
        }
        const std::size_t body = text.find(routine.body);
        const std::uint32_t start = statement.line + (body == std::string::npos ? 0 : line_of(text, body));
        errors_.push_back(SyntaxError{start + (body_line > 0 ? body_line - 1 : 0), 0,
                                      std::string(result.error->message) + " (in the PL/pgSQL body of " + where + ")"});
    }
    pg_query_free_plpgsql_parse_result(result);
}

std::optional<std::vector<StatementRange>> ParsedSection::ranges() const {
    if (!split_) return std::nullopt;
    std::vector<StatementRange> ranges;
    ranges.reserve(statements_.size());
    for (const ParsedStatement& statement : statements_) {
        ranges.push_back({static_cast<std::uint32_t>(statement.offset),
                          static_cast<std::uint32_t>(statement.token_end - statement.offset)});
    }
    return ranges;
}

std::optional<std::vector<StatementRange>> statement_ranges(std::string_view sql) {
    if (sql.find('\0') != std::string_view::npos) return std::nullopt;
    const std::string text(sql);
    PgQuerySplitResult result = pg_query_split_with_parser(text.c_str());
    std::optional<std::vector<StatementRange>> ranges;
    if (result.error == nullptr) {
        ranges.emplace();
        for (int i = 0; i < result.n_stmts; ++i) {
            const auto offset = static_cast<std::size_t>(result.stmts[i]->stmt_location);
            const auto length = result.stmts[i]->stmt_len == 0 ? text.size() - offset
                                                               : static_cast<std::size_t>(result.stmts[i]->stmt_len);
            const auto [start, end] = token_span(text, offset, length);
            ranges->push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end - start)});
        }
    }
    pg_query_free_split_result(result);
    return ranges;
}

std::vector<std::pair<std::size_t, std::size_t>> split_with_parser(std::string_view sql) {
    const std::string text(sql);
    PgQuerySplitResult result = pg_query_split_with_parser(text.c_str());
    std::vector<std::pair<std::size_t, std::size_t>> statements;
    if (result.error == nullptr) {
        for (int i = 0; i < result.n_stmts; ++i) {
            statements.emplace_back(static_cast<std::size_t>(result.stmts[i]->stmt_location),
                                    static_cast<std::size_t>(result.stmts[i]->stmt_len));
        }
    }
    pg_query_free_split_result(result);
    return statements;
}

}  // namespace migrations::generator
