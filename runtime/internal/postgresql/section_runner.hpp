// @brief Runs the SQL of one revision section on a libpq connection and, when a statement
// fails, names the line of the revision file it is on.
//
// The database decides where statements end. A transactional section is sent whole as one
// simple query (PQsendQuery): PostgreSQL's parser splits it, `$$` bodies and all. A section of
// a `transactional: false` revision is sent one statement at a time, as psql does: the server
// runs a multi-statement simple query as an implicit transaction block, which
// `CREATE INDEX CONCURRENTLY` and `VACUUM` refuse. Where statements end is what PostgreSQL's
// own parser found at build time, stored in the catalog (SectionSource::statements); the
// lexer (sql_lexer.hpp) only classifies tokens (keywords outside strings and comments), and
// splits only a section the build did not split.
//
// The failing line: when the server reports an error position (a character offset into the
// text it was sent), line = section's first line + newlines before that position. Otherwise
// (e.g. "relation already exists", a constraint violation) each statement before the failing
// one returned a result; the N-th statement's first line, found by the lexer, is reported.
// When the error happened inside a PL/pgSQL body (CONTEXT "PL/pgSQL function ... line N"), the
// line is that line of the `DO` block or of the function created in the same section.
//
// The message keeps the server's DETAIL, HINT and CONTEXT, one indented line each:
//   <file>:<line>: <revision> upgrade failed: <primary message>
//     DETAIL: ...
//     HINT: ...
//     CONTEXT: ... (its lines joined with "; ", innermost first)
//
// Text only psql understands (`COPY ... FROM STDIN`, backslash meta-commands) and transaction
// control in a transactional revision are refused at build time by the generator, which
// builds every catalog (docs/DECISIONS.md); here the server's own answer is reported (a
// syntax error, or the COPY ended with an error) and an ended transaction is detected after
// the section from the connection's state.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <migrations/catalog.hpp>

namespace migrations::postgresql {

/// What the runtime says when a transactional revision's SQL ends the migration's transaction:
/// seen in the connection's state after a section ran (a procedure's COMMIT; a COMMIT written in
/// a revision file is refused at build time), or in a C++ step's SQL before it is sent.
extern const char* const kTransactionControlMessage;

/// Where a section comes from, for the error message.
struct SectionSource {
    /// The revision file (relative to the consumer's source dir) and the revision's id.
    std::string_view file;
    std::string_view revision;
    /// "upgrade" or "downgrade".
    std::string_view direction;
    /// 1-based line of the file on which the section's SQL starts (Section::first_line).
    std::uint32_t first_line;
    /// Where PostgreSQL's parser split the section at build time (Catalog::statements), or
    /// null: then the lexer (sql_lexer.hpp) finds the statements (a section the build did not
    /// split: text PostgreSQL's parser refused, scripts written by hand in tests).
    const std::vector<StatementRange>* statements = nullptr;
};

/// How the section's statements reach the server (see the file comment).
enum class Submission { whole, one_statement_at_a_time };

/// A statement of a section failed. what() is
/// `<file>:<line>: <revision> <direction> failed: <server message>`.
class SectionError : public std::runtime_error {
public:
    SectionError(const std::string& what, std::uint32_t line, std::string sqlstate, std::string server_message);

    /// 1-based line in the revision file of the failing statement (or of its error position).
    std::uint32_t line() const noexcept { return line_; }
    /// The five-character SQLSTATE, e.g. "42P07", or "" when the failure was not the server's.
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    /// The server's primary message, e.g. `relation "t" does not exist`.
    const std::string& server_message() const noexcept { return server_message_; }

private:
    std::uint32_t line_;
    std::string sqlstate_;
    std::string server_message_;
};

/// Called while a statement runs: when no result has come for `after` since the section was
/// sent or the previous statement finished, `call` runs, then again every `after` while the
/// wait lasts (the backend asks who blocks the statement). `after` zero: never called.
struct StallWatch {
    std::chrono::milliseconds after{0};
    std::function<void()> call;
};

/// Runs `sql` on `connection`, which must be idle or inside a transaction block, with no
/// result pending. Throws SectionError when a statement fails (a transaction block the
/// caller opened is then aborted: the caller rolls it back), when the connection breaks, or,
/// before sending anything, at the line of a `COPY ... FROM STDIN` or a psql meta-command.
/// When `connection` is inside a transaction block (a transactional revision), also when the
/// SQL would end it or did (COMMIT, ROLLBACK, END, ABORT, BEGIN, START TRANSACTION, PREPARE
/// TRANSACTION): "transaction control is not allowed in a transactional revision".
void run_section(PGconn* connection, std::string_view sql, const SectionSource& source,
                 Submission submission = Submission::whole, const StallWatch& watch = {});

/// The 0-based byte offset of the 1-based character `position` (as PostgreSQL counts,
/// in UTF-8 characters) in `text`, clamped to its size.
std::size_t byte_offset_of_character(std::string_view text, std::size_t position) noexcept;

}  // namespace migrations::postgresql
