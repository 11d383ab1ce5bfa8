// @brief Creating and dropping a throwaway database per test on the test cluster.
#include "test_database.hpp"

#include "postgresql/raw_connection.hpp"

#include <pqxx/nontransaction>

#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace migrations::testing {

std::string cluster_url() {
    const char* file = std::getenv("MIGRATIONS_TEST_POSTGRESQL_URL_FILE");
    if (file == nullptr) throw std::runtime_error("MIGRATIONS_TEST_POSTGRESQL_URL_FILE is not set (run through ctest)");
    std::ifstream in(file);
    std::string url;
    if (!std::getline(in, url) || url.empty()) throw std::runtime_error(std::string("no URL in ") + file);
    return url;
}

TestDatabase::TestDatabase() : server_url_(cluster_url()) {
    static std::atomic<int> counter{0};
    name_ = "mt_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    pqxx::connection admin(server_url_);
    pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    pqxx::nontransaction(admin).exec("CREATE DATABASE " + name_);
    url_ = server_url_.substr(0, server_url_.rfind('/') + 1) + name_;
}

TestDatabase::~TestDatabase() {
    try {
        pqxx::connection admin(server_url_);
        pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
        // The cluster is thrown away at the end anyway.
    }
}

std::unique_ptr<pqxx::connection> TestDatabase::connect() const { return std::make_unique<pqxx::connection>(url_); }

PGconn* raw(pqxx::connection& connection) { return postgresql::raw_connection(connection); }

std::string scalar(pqxx::connection& connection, const std::string& sql) {
    pqxx::nontransaction transaction(connection);
    const pqxx::result result = transaction.exec(sql);
    return result[0][0].is_null() ? std::string() : result[0][0].c_str();
}

}  // namespace migrations::testing
