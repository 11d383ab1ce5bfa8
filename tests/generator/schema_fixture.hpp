// @brief Three revisions for the database verbs' tests: a table, a column, and an index built
// outside a transaction (CONCURRENTLY on PostgreSQL).
#pragma once

#include "test_files.hpp"

namespace migrations::generator::testing_support {

inline void write_schema_revisions(const TempDir& dir, const std::string& sub = "migrations") {
    dir.write(sub + "/a.sql",
              "-- revision: a1\n-- down_revision: none\n-- message: create users\n\n-- upgrade\n"
              "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n\n-- downgrade\nDROP TABLE users;\n");
    dir.write(sub + "/b.sql",
              "-- revision: b2\n-- down_revision: a1\n-- message: add email to users\n\n-- upgrade\n"
              "ALTER TABLE users ADD COLUMN email TEXT;\n\n-- downgrade\nALTER TABLE users DROP COLUMN email;\n");
    dir.write(sub + "/c.sql",
              "-- revision: c3\n-- down_revision: b2\n-- message: index emails\n-- transactional: false\n\n"
              "-- upgrade: sqlite\nCREATE INDEX users_email ON users (email);\n\n"
              "-- upgrade: postgresql\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n\n"
              "-- downgrade\nDROP INDEX users_email;\n");
}

}  // namespace migrations::generator::testing_support
