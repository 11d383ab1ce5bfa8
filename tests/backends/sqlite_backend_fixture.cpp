// @brief A fresh SQLite database file per test for the shared behaviour suite.
#include "sqlite_backend_fixture.hpp"

#include <sqlite3.h>

namespace migrations::testing {

SqliteFixture::SqliteFixture() : db_(dir_.file("app.db")) {}

std::vector<std::string> SqliteFixture::tables() const { return table_names(db_); }

std::string SqliteFixture::missing_table_code() { return std::to_string(SQLITE_ERROR); }

}  // namespace migrations::testing
