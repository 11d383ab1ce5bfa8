// @brief migrations::Session on an SQLite connection: statements prepared with
// sqlite3_prepare_v2, parameters bound by number (`$1`, `?1`, `?`), rows read by storage class.
#pragma once

#include <optional>

#include "schema/script.hpp"
#include "session_backend.hpp"

struct sqlite3_stmt;

namespace migrations::detail {

class SqliteSession final : public SessionBackend {
public:
    /// A session on `db` for one step of `revision`. `in_transaction`: the migration's
    /// transaction is open, and statements that would end it are refused.
    SqliteSession(sqlite3* db, const RevisionSpec& revision, Direction direction, bool in_transaction) noexcept
        : SessionBackend(revision, direction), db_(db), in_transaction_(in_transaction) {}

    Dialect dialect() const noexcept override { return Dialect::sqlite; }
    std::uint64_t execute(std::string_view sql, const Param* params, std::size_t count, unsigned line) override;
    Rows query(std::string_view sql, const Param* params, std::size_t count, unsigned line) override;
    std::unique_ptr<PreparedBackend> prepare(std::string_view sql, unsigned line) override;
    sqlite3* sqlite_handle() const noexcept override { return db_; }

    /// Prepares the one statement of `sql` (refusing a second, and transaction control in a
    /// transactional revision); the caller finalizes it.
    sqlite3_stmt* prepare_one(std::string_view sql, unsigned line);
    /// Binds `params` to `statement` ($N / ?N by number, ? by position), steps it to the end
    /// (collecting rows into `rows` when given), resets it; returns the rows changed.
    std::uint64_t run(sqlite3_stmt* statement, const Param* params, std::size_t count, unsigned line,
                      RowsBuilder* rows);

private:
    [[noreturn]] void fail_sqlite(unsigned line) const;

    sqlite3* db_;
    bool in_transaction_;
};

/// Runs `step` of `revision` on `db` with a Session, as the SQLite backend runs it in a
/// migration, for the schema engines' replays (VERIFY of C++ revisions, check()'s drift): a
/// transactional revision runs in a transaction of its own (a savepoint when one is open) that
/// its Session cannot end (BEGIN, COMMIT and ROLLBACK through it are refused), committed when
/// the step returns and rolled back when it fails; a `transactional: false` one runs as it is.
/// Returns the failure at the line of the failing Session call (or of the step's macro for
/// another exception) with the message after "<file>:<line>: <revision> upgrade failed: ",
/// or nothing when the step ran. Never throws.
std::optional<schema::SqlFailure> run_cpp_step_on(sqlite3* db, const RevisionSpec& revision, const CppStep& step,
                                                  Direction direction) noexcept;

}  // namespace migrations::detail
