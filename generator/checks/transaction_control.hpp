// @brief Build-time checks of a revision's transaction: transaction control (BEGIN, COMMIT,
// ROLLBACK, ...) in a revision that runs inside the migration's transaction, statements
// PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...), and
// statements after which PostgreSQL needs a COMMIT (ALTER TYPE ... ADD VALUE).
//
// A COMMIT in a transactional revision ends the runtime's transaction early: the statements
// after it run outside, a later failure leaves tables without version rows, and "rolled
// back" is no longer true. The generator refuses it at build time with the fix, and the other
// two would fail at deploy time. PostgreSQL sections are read from PostgreSQL's own parse tree
// (checks/postgresql_parse.hpp, the section's one parse), so a word in a string, a comment or
// a PL/pgSQL body never matches; SQLite sections from the statements of
// checks/statement_words.hpp (no SQLite parser library), where a COMMIT inside a string or
// comment and the BEGIN ... END of an SQLite trigger never match either.
#pragma once

#include <cstdint>
#include <migrations/catalog.hpp>
#include <string_view>
#include <vector>

#include "checks/postgresql_parse.hpp"
#include "checks/statement_words.hpp"

namespace migrations::generator {

/// The statements of `parsed` (a PostgreSQL section) that start, end or abandon a
/// transaction: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK (not ROLLBACK TO a savepoint),
/// ABORT and PREPARE TRANSACTION; SAVEPOINT, RELEASE and ROLLBACK TO nest inside the
/// transaction and are accepted. Nothing when the section did not parse (its syntax error is
/// reported instead). Call it only for revisions that are not `transactional: false`. The
/// message reads e.g. "COMMIT in a transactional revision ends the migration's transaction:
/// ...; drop it (the runtime begins and commits the transaction), or add `-- transactional:
/// false` ...". Never throws except std::bad_alloc.
std::vector<StatementFinding> find_transaction_control(const ParsedSection& parsed);
/// The same for an SQLite section already split (split_section(sql)), starting on line
/// `first_line`: BEGIN, END, COMMIT, ROLLBACK (not ROLLBACK TO), START TRANSACTION.
std::vector<StatementFinding> find_transaction_control(std::string_view sql, const SplitSection& split,
                                                       std::uint32_t first_line);
/// The same on the text of a section for `dialect`, parsed or split here.
std::vector<StatementFinding> find_transaction_control(std::string_view sql, std::uint32_t first_line, Dialect dialect);

/// One statement that cannot run in a transaction block.
using NonTransactionalStatement = StatementFinding;

/// The statements of `parsed` (a postgresql or generic upgrade/downgrade section) that
/// PostgreSQL refuses inside a transaction block, in order: CREATE/DROP INDEX CONCURRENTLY,
/// REINDEX CONCURRENTLY/SCHEMA/DATABASE/SYSTEM, VACUUM, ALTER SYSTEM, CREATE/DROP DATABASE,
/// ALTER DATABASE ... SET TABLESPACE, CREATE/DROP TABLESPACE, DISCARD ALL, COMMIT PREPARED and
/// ROLLBACK PREPARED. Call it only for revisions that are not `transactional: false`.
/// The message reads e.g. "CREATE INDEX CONCURRENTLY cannot run inside a transaction block;
/// add `-- transactional: false` to the header of this revision to run it on its own".
/// Never throws except std::bad_alloc.
std::vector<NonTransactionalStatement> find_non_transactional_statements(const ParsedSection& parsed);
/// The same on the text of a section starting on line `first_line`, parsed here.
std::vector<NonTransactionalStatement> find_non_transactional_statements(std::string_view sql,
                                                                         std::uint32_t first_line);

/// The statements of `parsed` after which PostgreSQL needs a COMMIT before a later statement
/// can use their effect: `ALTER TYPE ... ADD VALUE` ("unsafe use of new value" otherwise; the
/// only such statement in PostgreSQL 15's reference). `statement` is "ALTER TYPE ... ADD
/// VALUE"; `message` is empty (it is not an error: the revision is marked commit_after).
/// Never throws except std::bad_alloc.
std::vector<StatementFinding> find_commit_boundaries(const ParsedSection& parsed);
/// The same on the text of a section starting on line `first_line`, parsed here.
std::vector<StatementFinding> find_commit_boundaries(std::string_view sql, std::uint32_t first_line);
/// True when `alter` is `ALTER TYPE ... ADD VALUE` (a new label; RENAME VALUE names an old one
/// too): the commit boundary, and what the lint's enum-label rule follows.
bool adds_enum_value(const PgQuery__AlterEnumStmt& alter) noexcept;

}  // namespace migrations::generator
