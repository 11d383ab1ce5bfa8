// @brief A fresh database on the test cluster for one test, dropped afterwards.
#pragma once

#include <pqxx/connection>

#include <libpq-fe.h>

#include <memory>
#include <string>

namespace migrations::testing {

/// Creates a database with a unique name on the cluster whose URL is in the file named by
/// MIGRATIONS_TEST_POSTGRESQL_URL_FILE; drops it (forcing sessions out) on destruction.
class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    /// postgresql://postgres@127.0.0.1:PORT/<name>
    const std::string& url() const noexcept { return url_; }
    const std::string& name() const noexcept { return name_; }

    /// A new connection to the database.
    std::unique_ptr<pqxx::connection> connect() const;

private:
    std::string server_url_;
    std::string name_;
    std::string url_;
};

/// The URL of the cluster's `postgres` database.
std::string cluster_url();

/// The libpq handle of `connection`.
PGconn* raw(pqxx::connection& connection);

/// The single value of `sql` run on `connection`, as text ("" for NULL).
std::string scalar(pqxx::connection& connection, const std::string& sql);

}  // namespace migrations::testing
