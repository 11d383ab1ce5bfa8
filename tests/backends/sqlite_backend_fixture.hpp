// @brief The SQLite side of the shared behaviour suite: a fresh database file per test.
#pragma once

#include "support/temp_dir.hpp"

#include <migrations/error.hpp>

#include <cstddef>
#include <string>
#include <vector>

struct sqlite3;

namespace migrations::testing {

/// A fresh SQLite file in a temporary directory, and what the shared suite needs to know of
/// this backend (see tests/backends/behaviour_test.cpp).
class SqliteFixture {
public:
    /// The name in the tests' names: Upgrade/Sqlite.AppliesEveryRevisionAndRecordsItsRow.
    static constexpr const char* kName = "Sqlite";
    /// The index of this dialect in RevisionSpec::checksum.
    static constexpr std::size_t kChecksum = 0;
    /// How the database reports a statement on table `missing`, which does not exist.
    static constexpr const char* kMissingTable = "no such table: missing";

    SqliteFixture();

    /// The handle the public API takes: upgrade(backend.connection(), catalog).
    sqlite3* connection() const noexcept { return db_.get(); }
    /// Runs `sql` (several statements allowed); throws std::runtime_error on failure.
    void exec(const std::string& sql) const { db_.exec(sql); }
    /// Runs `sql` on a connection of its own, as another process would.
    void exec_elsewhere(const std::string& sql) const { Db(dir_.file("app.db")).exec(sql); }
    /// The first column of every row of `sql`.
    std::vector<std::string> rows(const std::string& sql) const { return db_.rows(sql); }
    /// Names of the database's tables, sorted.
    std::vector<std::string> tables() const;
    /// How messages name this database.
    std::string location() const { return "sqlite connection"; }
    /// The message of upgrade on a connection that is inside a transaction.
    std::string inside_transaction_message() const {
        return "the SQLite connection is inside a transaction: migrations run their own";
    }
    /// The database's code of the error "table `missing` does not exist", and `error`'s code in
    /// the same form: the SQLite result code, in decimal.
    static std::string missing_table_code();
    static std::string database_code(const Error& error) { return std::to_string(error.database_code()); }

private:
    TempDir dir_;
    Db db_;
};

}  // namespace migrations::testing
