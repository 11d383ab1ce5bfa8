// @brief Build-time check: statements PostgreSQL refuses inside a transaction block
// (CREATE INDEX CONCURRENTLY, VACUUM, CREATE DATABASE, ...) in a revision that runs in one.
//
// Such a revision would fail at deploy time with "cannot run inside a transaction block";
// the generator reports it at build time instead, with the fix. The SQL is classified with
// the runtime's PostgreSQL lexer, so string literals, comments, dollar-quoted bodies and
// quoted identifiers never match; the database still decides where statements end when the
// revision runs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::generator {

/// One statement that cannot run in a transaction block.
struct NonTransactionalStatement {
    /// 1-based line of the revision file on which the statement starts.
    std::uint32_t line;
    /// What it is, e.g. "CREATE INDEX CONCURRENTLY".
    std::string statement;
    /// The whole diagnostic text (without `file:line: error: `), e.g.
    /// "CREATE INDEX CONCURRENTLY cannot run inside a transaction block; add
    /// `-- transactional: false` to the header of this revision to run it on its own".
    std::string message;
};

/// The statements of `sql` (a postgresql or generic upgrade/downgrade section, whose SQL
/// starts on line `first_line` of its file) that PostgreSQL refuses inside a transaction
/// block, in order. Call it only for revisions that are not `transactional: false`.
/// Never throws except std::bad_alloc.
std::vector<NonTransactionalStatement> find_non_transactional_statements(std::string_view sql,
                                                                         std::uint32_t first_line);

}  // namespace migrations::generator
