// @brief The top-level statements of a section as lists of words, for the build-time checks
// that no parse tree can serve: SQLite's transaction control (no SQLite parser library at
// build time) and psql's client-side text in PostgreSQL sections, which makes PostgreSQL's
// parser reject the section (checks/transaction_control.hpp, checks/postgresql_statements.hpp).
//
// One lexer and one split serve both: the runtime's PostgreSQL lexer (runtime/
// internal/postgresql/sql_lexer.hpp), whose quoting rules ('...', "...", comments, dollar quotes)
// cover what SQLite sections use in practice, and a split that knows both kinds of statement
// body holding semicolons: PostgreSQL's `BEGIN ATOMIC ... END` and SQLite's `CREATE TRIGGER
// ... BEGIN ... END` (as sqlite3_complete() decides). A generic section runs on both
// dialects, so it is split once. Known differences, rare in migrations and documented in
// docs/format.md: SQLite's `[bracketed]` and `backtick` identifiers are not quotes here, and
// SQLite block comments do not nest. The database still decides where statements end when a
// revision runs; these checks only classify.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "postgresql/sql_lexer.hpp"

namespace migrations::generator {

/// One statement a check found, for a `file:line: error:` diagnostic or a note.
struct StatementFinding {
    /// 1-based line of the revision file on which the statement starts.
    std::uint32_t line;
    /// What it is, e.g. "CREATE INDEX CONCURRENTLY".
    std::string statement;
    /// The whole diagnostic text (without `file:line: error: `): what is wrong and the fix.
    std::string message;
};

/// The words and punctuation of one statement, comments left out (the runtime's, shared with
/// its own section checks).
using Words = postgresql::StatementWords;

/// The tokens of a section and its top-level statements (see the file comment), each
/// statement with its 0-based line in the section.
struct SplitSection {
    std::vector<postgresql::Token> tokens;
    std::vector<postgresql::Statement> statements;
};
SplitSection split_section(std::string_view sql);

}  // namespace migrations::generator
