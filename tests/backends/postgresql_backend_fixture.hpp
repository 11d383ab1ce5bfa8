// @brief The PostgreSQL side of the shared behaviour suite: a fresh database on the test cluster.
#pragma once

#include "test_database.hpp"

#include <migrations/error.hpp>

#include <pqxx/connection>

#include <libpq-fe.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace migrations::testing {

/// A fresh database on the cluster of the `postgresql` CTest fixture, and what the shared
/// suite needs to know of this backend (see tests/backends/behaviour_test.cpp).
class PostgresqlFixture {
public:
    /// The name in the tests' names: Upgrade/Postgresql.AppliesEveryRevisionAndRecordsItsRow.
    static constexpr const char* kName = "Postgresql";
    /// The index of this dialect in RevisionSpec::checksum.
    static constexpr std::size_t kChecksum = 1;
    /// How the database reports a statement on table `missing`, which does not exist.
    static constexpr const char* kMissingTable = "relation \"missing\" does not exist";

    PostgresqlFixture();

    /// The handle the public API takes: upgrade(backend.connection(), catalog).
    pqxx::connection& connection() const noexcept { return *connection_; }
    /// Runs `sql` (several statements allowed); throws on failure.
    void exec(const std::string& sql) const;
    /// Runs `sql` on a connection of its own, as another process would.
    void exec_elsewhere(const std::string& sql) const;
    /// The first column of every row of `sql`.
    std::vector<std::string> rows(const std::string& sql) const;
    /// Names of the database's tables, sorted; schema-qualified outside `public`.
    std::vector<std::string> tables() const;
    /// How messages name this database: postgresql://postgres@127.0.0.1:PORT/<db>.
    std::string location() const;
    /// The message of upgrade on a connection that is inside a transaction.
    std::string inside_transaction_message() const {
        return "the PostgreSQL connection to " + location() + " is inside a transaction: migrations run their own";
    }
    /// The database's code of the error "table `missing` does not exist", and `error`'s code in
    /// the same form: the SQLSTATE.
    static std::string missing_table_code() { return "42P01"; }
    static std::string database_code(const Error& error);

private:
    TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();
    PGconn* pg_ = raw(*connection_);
};

}  // namespace migrations::testing
