// @brief The one exception type of the runtime, with a kind per situation a user can meet.
#pragma once

#include <stdexcept>
#include <string>

namespace migrations {

/// What went wrong, in the user's terms. Every Error carries exactly one kind.
enum class ErrorKind {
    /// The database holds a revision this binary does not know (a newer build migrated it).
    unknown_revision,
    /// An applied revision's checksum differs from the binary's (its file was edited after
    /// it was applied).
    checksum_mismatch,
    /// A `transactional: false` revision was interrupted: its row is still `pending`.
    pending_revision,
    /// The target does not name a revision, is ambiguous, or cannot be reached that way.
    bad_target,
    /// A downgrade would have to revert an irreversible revision.
    irreversible,
    /// A statement of a revision failed; the database was rolled back.
    statement_failed,
    /// The migration lock (SQLite's write lock) could not be taken within the timeout.
    lock_timeout,
    /// A database URL could not be parsed, or names a scheme no backend serves.
    bad_url,
    /// Options are invalid (for example a version table name that is not an identifier).
    bad_option,
    /// The catalog has no section for the database's dialect, or is otherwise unusable.
    bad_catalog,
    /// Any other database failure (open, read of the version table, commit, ...).
    database,
};

/// A short stable name for `kind`, e.g. "checksum_mismatch".
const char* error_kind_name(ErrorKind kind) noexcept;

/// The exception every runtime function throws for a migration failure. what() is one
/// complete line meant for people (never containing a password); the fields let programs
/// react without parsing it. Functions may also throw std::bad_alloc.
class Error : public std::runtime_error {
public:
    /// An error of `kind` with the complete message `message`. The optional fields name
    /// the revision, its file (relative to the consumer's source dir), the 1-based line
    /// in that file (0 when unknown) and the database's own error code (0 when none).
    Error(ErrorKind kind, const std::string& message, std::string revision = {}, std::string file = {},
          unsigned line = 0, int database_code = 0);

    ErrorKind kind() const noexcept { return kind_; }
    /// The revision concerned, or "" when none.
    const std::string& revision() const noexcept { return revision_; }
    /// The revision file concerned, or "" when none.
    const std::string& file() const noexcept { return file_; }
    /// The line in file() of the failing statement, or 0.
    unsigned line() const noexcept { return line_; }
    /// The database's error code (SQLite's extended result code), or 0.
    int database_code() const noexcept { return database_code_; }

private:
    ErrorKind kind_;
    std::string revision_;
    std::string file_;
    unsigned line_;
    int database_code_;
};

}  // namespace migrations
