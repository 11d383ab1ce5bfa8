// @brief Introspection of live SQLite databases into the model.
#include "schema/sqlite_introspect.hpp"

#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

using testing::database_with;
using testing::schema_of;

TEST(SchemaIntrospect, ReadsColumnsWithTypesNullabilityAndDefaults) {
    const Schema schema = schema_of(
        "CREATE TABLE todos (id INTEGER PRIMARY KEY, title varchar( 20 ) NOT NULL, done INTEGER NOT NULL DEFAULT 0, "
        "created_at TEXT DEFAULT (strftime('%Y', 'now')), note)");
    ASSERT_EQ(schema.tables.size(), 1U);
    const Table& table = schema.tables[0];
    ASSERT_EQ(table.columns.size(), 5U);
    EXPECT_EQ(describe(table.columns[0]), "id INTEGER");
    EXPECT_EQ(describe(table.columns[1]), "title VARCHAR(20) NOT NULL");
    EXPECT_EQ(describe(table.columns[2]), "done INTEGER NOT NULL DEFAULT (0)");
    EXPECT_EQ(describe(table.columns[3]), "created_at TEXT DEFAULT (strftime('%Y', 'now'))");
    EXPECT_EQ(describe(table.columns[4]), "note");
    EXPECT_EQ(table.primary_key, (std::vector<std::string>{"id"}));
}

TEST(SchemaIntrospect, ReadsGeneratedColumns) {
    const Schema schema =
        schema_of("CREATE TABLE t (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) STORED, c AS (A + 1))");
    const Table& table = schema.tables[0];
    ASSERT_EQ(table.columns.size(), 3U);
    EXPECT_EQ(*table.columns[1].generated, "a * 2");
    EXPECT_TRUE(table.columns[1].stored);
    EXPECT_EQ(*table.columns[2].generated, "a + 1");
    EXPECT_FALSE(table.columns[2].stored);
    EXPECT_EQ(describe(table.columns[2]), "c AS (a + 1) VIRTUAL");
}

TEST(SchemaIntrospect, ReadsCompositeKeysUniqueConstraintsAndForeignKeys) {
    const Schema schema = schema_of(
        "CREATE TABLE a (x INTEGER, y INTEGER, PRIMARY KEY (y, x), UNIQUE (x), UNIQUE (x, y));"
        "CREATE TABLE b (p INTEGER, q INTEGER, r INTEGER REFERENCES a,"
        "  FOREIGN KEY (p, q) REFERENCES a (y, x) ON UPDATE CASCADE ON DELETE SET NULL)");
    const Table& a = schema.tables[0];
    EXPECT_EQ(a.primary_key, (std::vector<std::string>{"y", "x"}));
    EXPECT_EQ(a.unique_constraints, (std::vector<std::vector<std::string>>{{"x"}, {"x", "y"}}));
    const Table& b = schema.tables[1];
    ASSERT_EQ(b.foreign_keys.size(), 2U);
    EXPECT_EQ(describe(b.foreign_keys[0]), "(p, q) REFERENCES a (y, x) ON UPDATE CASCADE ON DELETE SET NULL");
    EXPECT_EQ(describe(b.foreign_keys[1]), "(r) REFERENCES a");
}

TEST(SchemaIntrospect, ReadsDeferredForeignKeys) {
    const Schema schema = schema_of(
        "CREATE TABLE p (id INTEGER PRIMARY KEY);"
        "CREATE TABLE c (a REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED, b REFERENCES p NOT DEFERRABLE INITIALLY "
        "DEFERRED,"
        "  d INTEGER, CONSTRAINT fk FOREIGN KEY (\"D\") REFERENCES \"P\" (id) ON DELETE CASCADE DEFERRABLE INITIALLY "
        "DEFERRED)");
    const Table& c = schema.tables[0];
    ASSERT_EQ(c.foreign_keys.size(), 3U);
    EXPECT_EQ(describe(c.foreign_keys[0]), "(a) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED");
    EXPECT_EQ(describe(c.foreign_keys[1]), "(b) REFERENCES p");
    EXPECT_EQ(describe(c.foreign_keys[2]), "(d) REFERENCES P (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED");
}

TEST(SchemaIntrospect, ReadsIndexesWithExpressionsAndWhere) {
    const Schema schema = schema_of(
        "CREATE TABLE u (email TEXT, deleted_at TEXT);"
        "CREATE UNIQUE INDEX u_email ON u (lower(email)) WHERE deleted_at IS NULL;"
        "CREATE INDEX u_deleted ON u (deleted_at DESC)");
    ASSERT_EQ(schema.indexes.size(), 2U);
    EXPECT_EQ(schema.indexes[0], (Index{"u_deleted", "u", false, {"deleted_at desc"}, ""}));
    EXPECT_EQ(schema.indexes[1], (Index{"u_email", "u", true, {"lower(email)"}, "deleted_at is null"}));
}

TEST(SchemaIntrospect, ReadsViewsAndTriggers) {
    const Schema schema = schema_of(
        "CREATE TABLE t (a); CREATE VIEW v AS SELECT a FROM t;"
        "CREATE TRIGGER tr AFTER DELETE ON t BEGIN SELECT 1; END");
    ASSERT_EQ(schema.views.size(), 1U);
    EXPECT_EQ(schema.views[0].sql, "CREATE VIEW v AS SELECT a FROM t");
    ASSERT_EQ(schema.triggers.size(), 1U);
    EXPECT_EQ(schema.triggers[0].table, "t");
}

TEST(SchemaIntrospect, LeavesOutTheVersionTableAndSqliteObjects) {
    const Schema schema = schema_of(
        "CREATE TABLE schema_revisions (id TEXT PRIMARY KEY);"
        "CREATE INDEX schema_revisions_id ON schema_revisions (id);"
        "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a UNIQUE)");
    ASSERT_EQ(schema.tables.size(), 1U);
    EXPECT_EQ(schema.tables[0].name, "t");
    EXPECT_TRUE(schema.tables[0].autoincrement);
    EXPECT_TRUE(schema.indexes.empty());
}

TEST(SchemaIntrospect, LeavesOutConfiguredTables) {
    const Database db =
        database_with("CREATE TABLE keep (a); CREATE TABLE Skip (a); CREATE TABLE schema_revisions (a)");
    IntrospectOptions options;
    options.excluded_tables = {"skip"};
    const Schema schema = introspect(db.get(), options);
    ASSERT_EQ(schema.tables.size(), 2U);
    EXPECT_EQ(schema.tables[0].name, "keep");
    EXPECT_EQ(schema.tables[1].name, "schema_revisions");
}

TEST(SchemaIntrospect, ReadsAFileDatabase) {
    const auto path = std::filesystem::temp_directory_path() / "schema_introspect_test.db";
    std::filesystem::remove(path);
    {
        const Database db(path.string());
        execute(db.get(), "CREATE TABLE t (a INTEGER NOT NULL) STRICT");
    }
    const Database db(path.string());
    const Schema schema = introspect(db.get());
    ASSERT_EQ(schema.tables.size(), 1U);
    EXPECT_TRUE(schema.tables[0].strict);
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace migrations::schema
