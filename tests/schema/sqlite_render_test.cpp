// @brief Rendering as SQLite SQL, proven by round trips on real databases: A + upgrade == B,
// then + downgrade == A, with every row kept through each rebuild.
#include "schema/sqlite_render.hpp"

#include "schema/sql_text.hpp"
#include "schema/sqlite_introspect.hpp"
#include "schema_test_support.hpp"

#include <gtest/gtest.h>

#include <map>

namespace migrations::schema {
namespace {

using testing::count_rows;
using testing::database_with;
using testing::schema_of;

struct RoundTrip {
    const char* name;
    const char* before;
    const char* after;
    /// Rows inserted into the `before` database.
    const char* rows;
    /// True when the upgrade must rebuild a table (ALTER TABLE cannot do it).
    bool rebuilds;
};

std::map<std::string, long long> row_counts(sqlite3* db, const Schema& schema) {
    std::map<std::string, long long> counts;
    for (const Table& table : schema.tables) counts[lower(table.name)] = count_rows(db, table.name);
    return counts;
}

/// Applies `sql` and checks that the tables in both `from` and `to` keep their row counts.
void apply_keeping_rows(sqlite3* db, const std::string& sql, const Schema& from, const Schema& to) {
    const auto before = row_counts(db, from);
    auto failure = run_script(db, sql, 1);
    ASSERT_FALSE(failure) << "line " << failure->line << ": " << failure->message << "\n" << sql;
    const auto after = row_counts(db, to);
    for (const auto& [table, count] : before) {
        if (after.count(table) != 0) {
            EXPECT_EQ(after.at(table), count) << "rows of " << table << " after\n" << sql;
        }
    }
}

class SchemaRenderRoundTrip : public ::testing::TestWithParam<RoundTrip> {};

TEST_P(SchemaRenderRoundTrip, UpgradesAndDowngradesExactlyKeepingEveryRow) {
    const RoundTrip& c = GetParam();
    const Schema a = schema_of(c.before);
    const Schema b = schema_of(c.after);
    ASSERT_NE(a, b);
    const Migration migration = render_migration(a, b);
    EXPECT_EQ(migration.upgrade.find("-- Rebuild table") != std::string::npos, c.rebuilds) << migration.upgrade;

    Database db = database_with(c.before);
    execute(db.get(), c.rows);
    apply_keeping_rows(db.get(), migration.upgrade, a, b);
    EXPECT_EQ(describe(introspect(db.get())), describe(b)) << migration.upgrade;
    EXPECT_EQ(introspect(db.get()), b);
    apply_keeping_rows(db.get(), migration.downgrade, b, a);
    EXPECT_EQ(describe(introspect(db.get())), describe(a)) << migration.downgrade;
    EXPECT_EQ(introspect(db.get()), a);
}

constexpr const char* kTodos = "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL, done INTEGER);";
constexpr const char* kTodoRows = "INSERT INTO todos (title, done) VALUES ('a', 0), ('b', 1), ('c', NULL);";
constexpr const char* kPets =
    "CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT);"
    "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owners (id), name TEXT);";
constexpr const char* kPetRows =
    "INSERT INTO owners VALUES (1, 'ann'), (2, 'bob'); INSERT INTO pets VALUES (1, 1, 'rex'), (2, 2, 'tom');";

INSTANTIATE_TEST_SUITE_P(
    EveryKindOfChange, SchemaRenderRoundTrip,
    ::testing::Values(
        RoundTrip{"CreatesATable", kTodos,
                  "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL, done INTEGER);"
                  "CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT UNIQUE)",
                  kTodoRows, false},
        RoundTrip{"AddsAColumn", kTodos,
                  "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL, done INTEGER, "
                  "priority INTEGER NOT NULL DEFAULT 3, note TEXT COLLATE NOCASE)",
                  kTodoRows, false},
        RoundTrip{"DropsAColumn", kTodos, "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL)", kTodoRows,
                  false},
        RoundTrip{
            "AddsColumnsWithNegativeAndStringDefaults", "CREATE TABLE t (a INTEGER)",
            "CREATE TABLE t (a INTEGER, b INTEGER NOT NULL DEFAULT -1, c REAL DEFAULT -2.5e3, d TEXT DEFAULT 'it''s')",
            "INSERT INTO t VALUES (1)", false},
        RoundTrip{"AddsAColumnWithAnExpressionDefault", kTodos,
                  "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL, done INTEGER, "
                  "created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d', 'now')))",
                  kTodoRows, true},
        RoundTrip{"ChangesAColumnType", kTodos,
                  "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL, done TEXT)", kTodoRows, true},
        RoundTrip{"MakesAColumnNotNullTakingItsDefault", kTodos,
                  "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)",
                  kTodoRows, true},
        RoundTrip{"ChangesADefault", "CREATE TABLE t (a INTEGER DEFAULT 1)", "CREATE TABLE t (a INTEGER DEFAULT 2)",
                  "INSERT INTO t VALUES (5), (6)", true},
        RoundTrip{"AddsAndDropsIndexes", "CREATE TABLE t (a, b); CREATE INDEX ta ON t (a)",
                  "CREATE TABLE t (a, b); CREATE UNIQUE INDEX tb ON t (lower(b)) WHERE b IS NOT NULL",
                  "INSERT INTO t VALUES (1, 'x'), (2, 'y')", false},
        RoundTrip{"DropsAnIndexedColumnKeepingTheOtherIndexes",
                  "CREATE TABLE t (a, b, c); CREATE INDEX ta ON t (a); CREATE INDEX tbc ON t (b, c)",
                  "CREATE TABLE t (a, b); CREATE INDEX ta ON t (a)", "INSERT INTO t VALUES (1, 2, 3)", false},
        RoundTrip{"DropsAColumnOfAUniqueConstraint", "CREATE TABLE t (a, b, UNIQUE (a, b)); CREATE INDEX ta ON t (a)",
                  "CREATE TABLE t (a); CREATE INDEX ta ON t (a)", "INSERT INTO t VALUES (1, 2), (1, 3)", true},
        RoundTrip{"AddsAUniqueConstraint", "CREATE TABLE t (a, b)", "CREATE TABLE t (a, b, UNIQUE (b))",
                  "INSERT INTO t VALUES (1, 2), (1, 3)", true},
        RoundTrip{"AddsACheckConstraint", "CREATE TABLE t (a INTEGER)",
                  "CREATE TABLE t (a INTEGER CONSTRAINT positive CHECK (a > 0))", "INSERT INTO t VALUES (1), (2)",
                  true},
        RoundTrip{"ChangesACompositePrimaryKey", "CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a))",
                  "CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID",
                  "INSERT INTO t VALUES (1, 2), (2, 2)", true},
        RoundTrip{"AddsAutoincrement", "CREATE TABLE t (id INTEGER PRIMARY KEY, a)",
                  "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a)", "INSERT INTO t VALUES (7, 'x')", true},
        RoundTrip{"AddsAForeignKey",
                  "CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT);"
                  "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER, name TEXT);",
                  kPets, kPetRows, true},
        RoundTrip{"ChangesForeignKeyActions", kPets,
                  "CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT);"
                  "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owners (id) "
                  "ON UPDATE CASCADE ON DELETE CASCADE, name TEXT);",
                  kPetRows, true},
        RoundTrip{"MakesAForeignKeyDeferred", kPets,
                  "CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT);"
                  "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owners (id) "
                  "DEFERRABLE INITIALLY DEFERRED, name TEXT);",
                  kPetRows, true},
        RoundTrip{"RebuildsAReferencedTableWithoutLosingChildren", kPets,
                  "CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');"
                  "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owners (id), name TEXT);",
                  kPetRows, true},
        RoundTrip{"RecreatesViewsAndTriggersOfARebuiltTable",
                  "CREATE TABLE t (a INTEGER, b TEXT); CREATE TABLE log (msg);"
                  "CREATE VIEW tv AS SELECT a FROM t; CREATE VIEW tvv AS SELECT * FROM tv;"
                  "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END;",
                  "CREATE TABLE t (a TEXT, b TEXT); CREATE TABLE log (msg);"
                  "CREATE VIEW tv AS SELECT a FROM t; CREATE VIEW tvv AS SELECT * FROM tv;"
                  "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END;",
                  "INSERT INTO t VALUES (1, 'x')", true},
        RoundTrip{"ChangesAViewAndATrigger", "CREATE TABLE t (a); CREATE VIEW v AS SELECT a FROM t",
                  "CREATE TABLE t (a); CREATE VIEW v AS SELECT a, a + 1 AS b FROM t;"
                  "CREATE TRIGGER tr BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no'); END",
                  "INSERT INTO t VALUES (1)", false},
        RoundTrip{"DropsAndAddsAColumnThatMayBeARename", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                  "CREATE TABLE t (id INTEGER PRIMARY KEY, full_name TEXT)", "INSERT INTO t VALUES (1, 'x')", false},
        RoundTrip{"AddsAVirtualGeneratedColumn", "CREATE TABLE t (a INTEGER)",
                  "CREATE TABLE t (a INTEGER, b AS (a * 2))", "INSERT INTO t VALUES (1), (2)", false},
        RoundTrip{"AddsAStoredGeneratedColumn", "CREATE TABLE t (a INTEGER, v AS (a + 1))",
                  "CREATE TABLE t (a INTEGER, v AS (a + 1), b INTEGER GENERATED ALWAYS AS (a * 2) STORED)",
                  "INSERT INTO t VALUES (1), (2)", true},
        RoundTrip{"QuotesAwkwardNames",
                  "CREATE TABLE \"Order Items\" (\"Qty \"\"x\"\"\" INTEGER, [select] TEXT);"
                  "CREATE INDEX \"by select\" ON \"Order Items\" ([select])",
                  "CREATE TABLE \"Order Items\" (\"Qty \"\"x\"\"\" TEXT NOT NULL DEFAULT 'it''s', [select] TEXT);"
                  "CREATE INDEX \"by select\" ON \"Order Items\" ([select])",
                  "INSERT INTO \"Order Items\" VALUES (1, 'a')", true},
        RoundTrip{"RenamesATableAsDropAndCreate", "CREATE TABLE old_name (a, b)", "CREATE TABLE new_name (a, b)",
                  "INSERT INTO old_name VALUES (1, 2)", false}),
    [](const ::testing::TestParamInfo<RoundTrip>& info) { return std::string(info.param.name); });

TEST(SchemaRender, RendersATableRebuildStepByStep) {
    const Schema a = schema_of("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT); CREATE INDEX tb ON t (b)");
    const Schema b = schema_of(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL DEFAULT 0, b TEXT); CREATE INDEX tb ON t (b)");
    EXPECT_EQ(render_migration(a, b).upgrade,
              "-- Rebuild table \"t\" (ALTER TABLE cannot make these changes):\n"
              "--   alter table 't' column 'a': NULL -> NOT NULL, default none -> 0\n"
              "CREATE TABLE \"_migrations_new_t\" (\n"
              "    \"id\" INTEGER,\n"
              "    \"a\" INTEGER NOT NULL DEFAULT (0),\n"
              "    \"b\" TEXT,\n"
              "    PRIMARY KEY (\"id\")\n"
              ");\n"
              "INSERT INTO \"_migrations_new_t\" (\"id\", \"a\", \"b\") SELECT \"id\", coalesce(\"a\", 0), \"b\" FROM "
              "\"t\";\n"
              "DROP TABLE \"t\";\n"
              "ALTER TABLE \"_migrations_new_t\" RENAME TO \"t\";\n"
              "CREATE INDEX \"tb\" ON \"t\" (b);\n"
              "PRAGMA foreign_key_check(\"t\");\n");
}

TEST(SchemaRender, UsesAlterTableWhereItCan) {
    const Migration migration =
        render_migration(schema_of("CREATE TABLE t (a)"), schema_of("CREATE TABLE t (a, b TEXT NOT NULL DEFAULT 'x')"));
    EXPECT_EQ(migration.upgrade, "ALTER TABLE \"t\" ADD COLUMN \"b\" TEXT NOT NULL DEFAULT 'x';\n");
    EXPECT_EQ(migration.downgrade, "ALTER TABLE \"t\" DROP COLUMN \"b\";\n");
}

TEST(SchemaRender, WritesAPossibleRenameAsAComment) {
    const Migration migration =
        render_migration(schema_of("CREATE TABLE t (name TEXT)"), schema_of("CREATE TABLE t (title TEXT)"));
    const std::string note =
        "column 'name' dropped and column 'title' added on table 't': if this is a rename, "
        "replace both with ALTER TABLE \"t\" RENAME COLUMN \"name\" TO \"title\"";
    EXPECT_EQ(migration.notes, (std::vector<std::string>{note}));
    EXPECT_EQ(migration.upgrade.rfind("-- NOTE: " + note + ".\n", 0), 0U) << migration.upgrade;
}

TEST(SchemaRender, RendersNothingForEqualSchemas) {
    const Migration migration = render_migration(schema_of("CREATE TABLE t (a)"), schema_of("CREATE TABLE t (a)"));
    EXPECT_TRUE(migration.empty());
    EXPECT_EQ(migration.downgrade, "");
}

}  // namespace
}  // namespace migrations::schema
