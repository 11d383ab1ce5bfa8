// @brief The backend a typed suite of tests/backends runs on (one per executable), and how
// its instantiations are named: Upgrade/Sqlite, Transactions/Postgresql.
#pragma once

#if defined(MIGRATIONS_TEST_POSTGRESQL)
#include "postgresql_backend_fixture.hpp"
#else
#include "sqlite_backend_fixture.hpp"
#endif

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrations::testing {

#if defined(MIGRATIONS_TEST_POSTGRESQL)
using Backends = ::testing::Types<PostgresqlFixture>;
#else
using Backends = ::testing::Types<SqliteFixture>;
#endif

/// Names the instantiations after the backend.
struct BackendName {
    template <typename Backend>
    static std::string GetName(int /*index*/) {
        return Backend::kName;
    }
};

/// The version table's rows as "revision|state", in revision order.
template <typename Fixture>
std::vector<std::string> version_rows(const Fixture& db) {
    return db.rows("SELECT revision || '|' || state FROM schema_revisions ORDER BY revision");
}

}  // namespace migrations::testing
