// @brief PostgreSQL's own parser (libpg_query, PostgreSQL 15) over one section of a revision
// file: its syntax errors at the file's line and column, its PL/pgSQL bodies checked, and its
// statements as parse trees for the lint (checks/lint.hpp).
//
// Linked by the generator only (a host tool): the runtime never links the parser (docs/
// DECISIONS.md, "PostgreSQL's parser at build time").
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <migrations/catalog.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::generator {

/// A syntax error PostgreSQL reports, placed in the revision file.
struct SyntaxError {
    /// 1-based line of the file and 1-based column (in characters) of the token PostgreSQL
    /// names; column 0 when PostgreSQL names no position (a PL/pgSQL error names a line).
    std::uint32_t line;
    std::uint32_t column;
    /// PostgreSQL's message as it gives it, e.g. `syntax error at or near ")"`; for a
    /// PL/pgSQL body, followed by `(in the PL/pgSQL body of ...)`.
    std::string message;
};

/// One top-level statement as PostgreSQL's parser splits the section.
struct ParsedStatement {
    /// Byte offset and length of the statement text in the section (without the `;`).
    std::size_t offset;
    std::size_t length;
    /// 1-based line of the file on which the statement's first token stands.
    std::uint32_t line;
    /// Byte offset in the section just past the statement's last token (trailing comments
    /// and white space before the `;` left out): what the catalog stores (StatementRange).
    std::size_t token_end;
    /// The parse tree (owned by the ParsedSection).
    const PgQuery__Node* node;
};

/// A section parsed by PostgreSQL's parser. Never throws except std::bad_alloc.
class ParsedSection {
public:
    /// Parses `sql`, the SQL of a section starting on line `first_line` of its file; the
    /// PL/pgSQL bodies (CREATE FUNCTION ... LANGUAGE plpgsql, DO) are parsed too. Text holding
    /// a NUL byte is not parsed (no errors, no statements): the file is refused for it.
    ParsedSection(std::string_view sql, std::uint32_t first_line);

    /// The syntax errors: at most one from the SQL parser (PostgreSQL stops at the first),
    /// else one per PL/pgSQL body that does not parse.
    const std::vector<SyntaxError>& errors() const noexcept { return errors_; }
    /// The statements, in order; empty when the SQL did not parse.
    const std::vector<ParsedStatement>& statements() const noexcept { return statements_; }
    /// True when the SQL parsed (its PL/pgSQL bodies aside): statements() is its split.
    bool split() const noexcept { return split_; }
    /// The statements as the catalog stores them (first token to last token), when split().
    std::optional<std::vector<StatementRange>> ranges() const;
    /// The text of `statement`.
    std::string_view text(const ParsedStatement& statement) const noexcept {
        return std::string_view(sql_).substr(statement.offset, statement.length);
    }

private:
    void check_plpgsql(const ParsedStatement& statement);

    struct Free {
        void operator()(PgQuery__ParseResult* result) const noexcept;
    };
    std::string sql_;
    std::uint32_t first_line_;
    std::unique_ptr<PgQuery__ParseResult, Free> tree_;
    std::vector<SyntaxError> errors_;
    std::vector<ParsedStatement> statements_;
    bool split_ = false;
};

/// The statements of `sql` as PostgreSQL's parser splits it, from first token to last token
/// (StatementRange), without the parse trees or the PL/pgSQL check: for catalogs of sections
/// the checks did not parse. Nothing on a syntax error.
std::optional<std::vector<StatementRange>> statement_ranges(std::string_view sql);

/// Byte offset and length of each statement of `sql` as pg_query_split_with_parser() splits
/// it (what the tests compare the runtime's lexer with); nothing on a syntax error.
std::vector<std::pair<std::size_t, std::size_t>> split_with_parser(std::string_view sql);

/// The 0-based line of byte `offset` of `text` (newlines before it).
std::uint32_t line_of(std::string_view text, std::size_t offset) noexcept;

}  // namespace migrations::generator
