// @brief Revisions as plain data (what the generator and the runtime adapt their own types
// to), the one SQLite section runner (statement by statement, with the line of each statement)
// that the runtime and the schema engines share, and
// the `file:line: error: message` form of a diagnostic.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;

namespace migrations::schema {

struct SqlFailure;

/// A step written in C++ (a `.cpp` revision's upgrade or downgrade), run on the SQLite
/// connection in place of a section's SQL: the runtime wraps the consumer's function with a
/// Session (the schema engines never see the runtime). Returns the failure at the line the
/// step gives (the line of its failing call, or of its macro), or nothing when it ran; it
/// undoes its own changes when it fails, as a transaction would.
using CppStepRunner = std::function<std::optional<SqlFailure>(sqlite3* db)>;

/// One section of a revision file, for SQLite.
struct RevisionSection {
    RevisionSection() = default;
    RevisionSection(std::string sql_text, std::uint32_t first, std::uint32_t marker = 0)
        : sql(std::move(sql_text)), first_line(first), marker_line(marker) {}

    std::string sql;
    /// Line of the file on which `sql` starts (1-based).
    std::uint32_t first_line = 1;
    /// Line of the `-- upgrade` / `-- downgrade` marker; 0 when unknown (first_line - 1 is used).
    std::uint32_t marker_line = 0;

    /// Where PostgreSQL's parser split `sql` at build time (the catalog's boundaries): each
    /// statement's first byte and size, from its first token to its last. Nothing when the
    /// section was not split (SQLite sections; scripts written by hand): the PostgreSQL runner
    /// then splits with the runtime's lexer.
    std::optional<std::vector<std::pair<std::uint32_t, std::uint32_t>>> statements;

    /// The C++ step that runs instead of `sql` (a `.cpp` revision, in a catalog compiled with
    /// its steps); empty for an SQL section, and for a C++ revision read by the tool, which never
    /// runs consumer code (its section is then empty SQL: no schema change).
    CppStepRunner cpp_step;

    /// marker_line, or the line before first_line when it is unknown.
    std::uint32_t line() const { return marker_line != 0 ? marker_line : (first_line > 1 ? first_line - 1 : 1); }
};

/// One revision, in the order it is applied.
struct RevisionScript {
    std::string id;
    /// The revision file, as diagnostics name it.
    std::string file;
    RevisionSection upgrade;
    /// Ignored when `irreversible`.
    RevisionSection downgrade;
    bool irreversible = false;
};

/// A statement that failed: its line in the file, the message (the database's, or the runner's
/// own for a foreign-key violation or transaction control) and SQLite's extended result code
/// (0 when the failure is the runner's own).
struct SqlFailure {
    std::uint32_t line = 0;
    std::string message;
    int code = 0;
};

/// What a section may do to the transaction it runs in.
enum class TransactionUse {
    /// No transaction is open, or the section may manage it (a `transactional: false`
    /// revision, a build-time replay).
    free,
    /// The section runs inside the migration's transaction: BEGIN, COMMIT, END and ROLLBACK
    /// (not ROLLBACK TO) are refused before they run, and a statement that leaves autocommit
    /// mode otherwise (a conflict clause ROLLBACK, ...) fails at its line.
    kept,
};

/// The message of a refused transaction-control statement in a transactional revision.
extern const char* const kTransactionControlRefused;

/// True when the first statement of `sql` (past white space and comments) starts, commits
/// or rolls back a transaction (BEGIN, COMMIT, END, ROLLBACK; not ROLLBACK TO), the check
/// run_section() makes in TransactionUse::kept, for the runtime's C++ sessions.
bool starts_with_transaction_control(const char* sql);

/// THE SQLite section runner, used by the runtime's backend and by the schema engines
/// (verify, autogenerate, drift), so that both accept and refuse the same SQL. Runs the
/// statements of the NUL-terminated `sql` one by one, splitting where sqlite3_prepare_v2's
/// tail says (passing -1 as the length: SQLite then never copies the rest of the text, and a
/// section runs in time linear in its size). The line of a statement is `first_line` plus the
/// newlines before its first token (comments and white space before it are skipped). A
/// `PRAGMA foreign_key_check` that returns a row fails, as a table rebuild that broke a
/// reference must; nothing else is checked implicitly. Returns the first failure, or nothing
/// when every statement ran; stops at the first failure.
std::optional<SqlFailure> run_section(sqlite3* db, const char* sql, std::uint32_t first_line,
                                      TransactionUse use = TransactionUse::free);

/// run_section() of `sql`, outside any transaction policy (the schema engines' form).
std::optional<SqlFailure> run_script(sqlite3* db, const std::string& sql, std::uint32_t first_line);

/// The section on `db`: its C++ step when it has one, else run_script() of its SQL. What the
/// schema engines (verify, drift, autogenerate) run for each section they replay.
std::optional<SqlFailure> run_revision_section(sqlite3* db, const RevisionSection& section);

/// `<file>:<line>: error: <message>`, as compilers write it and IDEs link it.
std::string format_diagnostic(const std::string& file, std::uint32_t line, const std::string& message);

/// Runs the upgrade of each revision in order into `db` (run_revision_section: C++ steps too). Returns the diagnostic
/// of the first failing statement ("<file>:<line>: error: upgrade of <id> failed: <message>"), or nothing.
std::optional<std::string> replay_upgrades(sqlite3* db, const std::vector<RevisionScript>& revisions);

}  // namespace migrations::schema
