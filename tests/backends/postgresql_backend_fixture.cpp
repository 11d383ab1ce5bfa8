// @brief A fresh PostgreSQL database per test for the shared behaviour suite.
#include "postgresql_backend_fixture.hpp"

#include "postgresql/libpq_query.hpp"

#include <migrations/postgresql.hpp>

namespace migrations::testing {

PostgresqlFixture::PostgresqlFixture() = default;

void PostgresqlFixture::exec(const std::string& sql) const { (void)postgresql::query(pg_, sql); }

void PostgresqlFixture::exec_elsewhere(const std::string& sql) const {
    const std::unique_ptr<pqxx::connection> other = database_.connect();
    (void)postgresql::query(raw(*other), sql);
}

std::vector<std::string> PostgresqlFixture::rows(const std::string& sql) const {
    std::vector<std::string> out;
    const postgresql::QueryResult result = postgresql::query(pg_, sql);
    for (int row = 0; row < result.rows(); ++row) out.emplace_back(result.value(row, 0));
    return out;
}

std::vector<std::string> PostgresqlFixture::tables() const {
    return rows(
        "SELECT name FROM (SELECT CASE WHEN table_schema = 'public' THEN table_name"
        " ELSE table_schema || '.' || table_name END AS name FROM information_schema.tables"
        " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')) AS t ORDER BY name COLLATE \"C\"");
}

std::string PostgresqlFixture::location() const {
    return "postgresql://postgres@127.0.0.1:" + std::string(PQport(pg_)) + "/" + database_.name();
}

std::string PostgresqlFixture::database_code(const Error& error) { return postgresql_sqlstate(error.database_code()); }

}  // namespace migrations::testing
