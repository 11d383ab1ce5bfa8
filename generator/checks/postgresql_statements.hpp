// @brief Build-time checks of PostgreSQL sections: statements PostgreSQL refuses inside a
// transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...), statements whose effect can be
// used only after a COMMIT (ALTER TYPE ... ADD VALUE), and client-side commands a revision
// cannot run (COPY ... FROM STDIN, psql's backslash meta-commands).
//
// A revision that breaks one of these would fail at deploy time; the generator reports it at
// build time instead, with the fix. The SQL is classified with the runtime's PostgreSQL
// lexer (checks/statement_words.hpp), so string literals, comments, dollar-quoted bodies and
// quoted identifiers never match; the database still decides where statements end.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "checks/statement_words.hpp"

namespace migrations::generator {

/// One statement that cannot run in a transaction block.
using NonTransactionalStatement = StatementFinding;

/// The statements of `sql` (a postgresql or generic upgrade/downgrade section, whose SQL
/// starts on line `first_line` of its file) that PostgreSQL refuses inside a transaction
/// block, in order. Call it only for revisions that are not `transactional: false`.
/// The message reads e.g. "CREATE INDEX CONCURRENTLY cannot run inside a transaction block;
/// add `-- transactional: false` to the header of this revision to run it on its own".
/// Never throws except std::bad_alloc.
std::vector<NonTransactionalStatement> find_non_transactional_statements(std::string_view sql,
                                                                         std::uint32_t first_line);
/// The same on a section already split (split_section(sql)).
std::vector<NonTransactionalStatement> find_non_transactional_statements(std::string_view sql,
                                                                         const SplitSection& split,
                                                                         std::uint32_t first_line);

/// The statements of `sql` after which PostgreSQL needs a COMMIT before a later statement can
/// use their effect: `ALTER TYPE ... ADD VALUE` ("unsafe use of new value" otherwise; the
/// only such statement in PostgreSQL 15's reference). `statement` is "ALTER TYPE ... ADD
/// VALUE"; `message` is empty (it is not an error: the revision is marked commit_after).
/// Never throws except std::bad_alloc.
std::vector<StatementFinding> find_commit_boundaries(std::string_view sql, std::uint32_t first_line);
/// The same on a section already split (split_section(sql)).
std::vector<StatementFinding> find_commit_boundaries(std::string_view sql, const SplitSection& split,
                                                     std::uint32_t first_line);

/// `COPY ... FROM STDIN` statements and psql meta-commands (a backslash outside quotes and
/// comments: `\i`, `\set`, `\copy`, ...) in `sql`, which only psql understands: the server
/// gets no data for the COPY and a syntax error for the backslash. Each message says why and
/// what to write instead. Backslashes after a COPY ... FROM STDIN (its data) are not reported
/// again. Never throws except std::bad_alloc.
std::vector<StatementFinding> find_client_commands(std::string_view sql, std::uint32_t first_line);
/// The same on a section already split (split_section(sql)).
std::vector<StatementFinding> find_client_commands(std::string_view sql, const SplitSection& split,
                                                   std::uint32_t first_line);

}  // namespace migrations::generator
