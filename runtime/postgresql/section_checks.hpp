// @brief What a PostgreSQL section may not contain, found by the classifying lexer before
// anything is sent: text only psql understands (`COPY ... FROM STDIN`, backslash
// meta-commands) and, in a transactional revision, transaction control. The runtime refuses
// both at the statement's line (section_runner.cpp); the predicates depend only on the lexer,
// so a build-time check can use the same ones.
#pragma once

#include "postgresql/sql_lexer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::postgresql {

/// A statement a section may not contain.
struct Refusal {
    /// 0-based line in the section of the offending statement (or meta-command).
    std::uint32_t line;
    /// What is wrong and what to do, e.g. "psql meta-command '\set' is not SQL: ...".
    std::string message;
};

/// The first `COPY ... FROM STDIN` (its rows are psql's to send) or backslash meta-command
/// (`\set`, `\i`, `\.`...) of the section, in text order. `tokens` and `statements` are
/// lex(sql) and split_statements(sql, tokens).
std::optional<Refusal> find_psql_only(std::string_view sql, const std::vector<Token>& tokens,
                                      const std::vector<Statement>& statements);

/// The first top-level statement that ends or starts a transaction: COMMIT, END, ABORT,
/// ROLLBACK (not ROLLBACK TO), BEGIN, START TRANSACTION, PREPARE TRANSACTION.
std::optional<Refusal> find_transaction_control(std::string_view sql, const std::vector<Token>& tokens,
                                                const std::vector<Statement>& statements);

/// The message of find_transaction_control(), also what the runtime says when the
/// connection's transaction state shows the same thing after a section ran.
extern const char* const kTransactionControlMessage;

}  // namespace migrations::postgresql
