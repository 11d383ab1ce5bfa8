// @brief migrations::Session on a libpq connection: PQexec for SQL without parameters (several
// statements, as a section), PQexecParams / PQprepare + PQexecPrepared with parameters (text
// format, bytea in binary), rows read by column type.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "session_backend.hpp"

namespace migrations::detail {

class PostgresqlSession final : public SessionBackend {
public:
    /// A session on `connection` for one step of `revision`. Prepared statements it cannot
    /// deallocate at once (the transaction failed) are appended to `stale`, which the backend
    /// deallocates after its ROLLBACK.
    PostgresqlSession(PGconn* connection, const RevisionSpec& revision, Direction direction,
                      std::vector<std::string>& stale) noexcept
        : SessionBackend(revision, direction), connection_(connection), stale_(stale) {}

    Dialect dialect() const noexcept override { return Dialect::postgresql; }
    std::uint64_t execute(std::string_view sql, const Param* params, std::size_t count, unsigned line) override;
    Rows query(std::string_view sql, const Param* params, std::size_t count, unsigned line) override;
    std::unique_ptr<PreparedBackend> prepare(std::string_view sql, unsigned line) override;
    pg_conn* postgresql_handle() const noexcept override { return connection_; }

    /// Runs the prepared statement `name` (or `sql` when `name` is empty) with `params`, and
    /// returns its result, checked (fail() on an error, at `line`).
    PGresult* run(const std::string& name, std::string_view sql, const Param* params, std::size_t count, unsigned line);
    /// The rows of a successful `result` (freed).
    Rows rows(PGresult* result, unsigned line) const;
    /// Deallocates the prepared statement `name`, or leaves it to the backend (see the constructor).
    void deallocate(const std::string& name) noexcept;

private:
    /// Checks `result` (freed on failure) and the transaction state the SQL left.
    PGresult* checked(PGresult* result, bool was_in_transaction, unsigned line);
    void refuse_transaction_control(std::string_view sql, unsigned line) const;

    PGconn* connection_;
    std::vector<std::string>& stale_;
};

}  // namespace migrations::detail
