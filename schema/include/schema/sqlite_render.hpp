// @brief Operations as SQLite SQL. Changes ALTER TABLE can make (add a plain column, drop an
// unreferenced column) become ALTER TABLE statements; every other change to a table becomes
// one table rebuild (SQLite's documented 12-step procedure, Alembic's batch mode).
//
// The rebuild, for table t:
//   CREATE TABLE "_migrations_new_t" (... the table as it must become ...);
//   INSERT INTO "_migrations_new_t" (common columns) SELECT common columns FROM "t";
//   DROP TABLE "t";
//   ALTER TABLE "_migrations_new_t" RENAME TO "t";
//   CREATE INDEX ... (the table's unchanged indexes; changed ones come from their operations)
//   PRAGMA foreign_key_check("t");
// Views and triggers that use t were dropped before by the diff and are created after. The
// SQL runs inside the caller's transaction; foreign-key enforcement must be off (SQLite's
// default), as PRAGMA foreign_keys cannot change inside a transaction and DROP TABLE would
// otherwise fire ON DELETE actions.
#pragma once

#include "schema/diff.hpp"
#include "schema/model.hpp"

#include <string>
#include <vector>

namespace migrations::schema {

/// Prefix of the temporary table of a rebuild.
inline constexpr const char* kRebuildPrefix = "_migrations_new_";

/// The statements that carry out `operations` (as diff() orders them), each ending ";\n".
/// A note on a possible rename is written as a "-- " comment before the statements
/// concerned, and a rebuild is introduced by a comment saying why.
std::string render_sqlite(const std::vector<Operation>& operations);

/// `CREATE TABLE "<name>" (...)` for `table` under `name`, without the final ";".
std::string render_create_table(const Table& table, const std::string& name);

/// `CREATE [UNIQUE] INDEX "<name>" ON "<table>" (...) [WHERE ...]`, without the final ";".
std::string render_create_index(const Index& index);

/// Both directions of the change from `from` to `to`.
struct Migration {
    /// SQL that turns `from` into `to`; "" when the schemas are equal.
    std::string upgrade;
    /// SQL that turns `to` back into `from`.
    std::string downgrade;
    /// The possible renames, once each (see Operation::possible_rename).
    std::vector<std::string> notes;

    bool empty() const { return upgrade.empty(); }
};

/// render_sqlite(diff(from, to)) and render_sqlite(diff(to, from)).
Migration render_migration(const Schema& from, const Schema& to);

}  // namespace migrations::schema
