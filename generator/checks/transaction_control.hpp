// @brief Build-time check: transaction control (BEGIN, COMMIT, ROLLBACK, ...) in a revision
// that runs inside the migration's transaction.
//
// A COMMIT in a transactional revision ends the runtime's transaction early: the statements
// after it run outside, a later failure leaves tables without version rows, and "rolled
// back" is no longer true. The generator refuses it at build time with the fix. Statements
// are found with checks/statement_words.hpp, so a COMMIT inside a PL/pgSQL body (a dollar
// quote), a string or a comment, and the BEGIN ... END of an SQLite trigger, never match.
#pragma once

#include <cstdint>
#include <migrations/catalog.hpp>
#include <string_view>
#include <vector>

#include "checks/statement_words.hpp"

namespace migrations::generator {

/// The statements of `sql` (a section as `dialect` runs it, starting on line `first_line`)
/// that start, end or abandon a transaction: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK
/// (not ROLLBACK TO a savepoint) and, on PostgreSQL, ABORT and PREPARE TRANSACTION.
/// SAVEPOINT, RELEASE and ROLLBACK TO nest inside the transaction and are accepted. Call it
/// only for revisions that are not `transactional: false`. The message reads e.g. "COMMIT in
/// a transactional revision ends the migration's transaction: ...; drop it (the runtime
/// begins and commits the transaction), or add `-- transactional: false` ...".
/// Never throws except std::bad_alloc.
std::vector<StatementFinding> find_transaction_control(std::string_view sql, std::uint32_t first_line, Dialect dialect);
/// The same on a section already split (split_section(sql)).
std::vector<StatementFinding> find_transaction_control(std::string_view sql, const SplitSection& split,
                                                       std::uint32_t first_line, Dialect dialect);

}  // namespace migrations::generator
