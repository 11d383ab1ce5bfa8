// @brief The one adapter from a catalog to RevisionScript (runtime/catalog_scripts.hpp), on a
// catalog the generator's serializer wrote, feeding the drift check.
#include "catalog_scripts.hpp"

#include <gtest/gtest.h>

#include "schema/drift.hpp"
#include "schema_test_support.hpp"
#include "support/test_catalog.hpp"

namespace migrations::schema {
namespace {

/// Two revisions, the second with a generic and an SQLite upgrade section.
Catalog todo_catalog() {
    migrations::testing::CatalogBuilder builder;
    builder.add("a1")
        .up("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT);\n")
        .down("DROP TABLE todos;\n")
        .file("migrations/a1_create.sql", 7);
    builder.add("b2", {"a1"})
        .up("SELECT 1;\n")
        .up(Dialect::sqlite, "CREATE INDEX todos_title ON todos (title);\n")
        .down("DROP INDEX todos_title;\n")
        .file("migrations/b2_index.sql", 7);
    return builder.build("todo");
}

TEST(SchemaCatalogScripts, TakesTheSqliteSectionsOfEachRevision) {
    const Catalog catalog = todo_catalog();
    const auto scripts = migrations::detail::scripts_of(catalog, {0, 1});
    ASSERT_EQ(scripts.size(), 2U);
    EXPECT_EQ(scripts[0].id, "a1");
    EXPECT_EQ(scripts[0].file, "migrations/a1_create.sql");
    EXPECT_EQ(scripts[0].upgrade.sql, "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT);\n");
    EXPECT_EQ(scripts[0].upgrade.first_line, 7U);
    EXPECT_EQ(scripts[0].downgrade.line(), 9U);
    EXPECT_EQ(scripts[1].upgrade.sql, "CREATE INDEX todos_title ON todos (title);\n");
    EXPECT_EQ(scripts[1].upgrade.first_line, 10U);
    EXPECT_EQ(scripts[1].upgrade.marker_line, 9U);
}

TEST(SchemaCatalogScripts, NamesTheFilesItIsGiven) {
    const auto scripts = migrations::detail::scripts_of(
        todo_catalog(), Dialect::sqlite, {"/src/migrations/a1_create.sql", "/src/migrations/b2_index.sql"});
    ASSERT_EQ(scripts.size(), 2U);
    EXPECT_EQ(scripts[0].file, "/src/migrations/a1_create.sql");
    EXPECT_EQ(scripts[1].file, "/src/migrations/b2_index.sql");
    EXPECT_EQ(scripts[1].upgrade.sql, "CREATE INDEX todos_title ON todos (title);\n");
}

TEST(SchemaCatalogScripts, CarriesWherePostgresqlsParserSplitEachPostgresqlSection) {
    migrations::testing::CatalogBuilder builder;
    const std::string sql = "CREATE TABLE a (x int); -- note\nDO $$ BEGIN NULL; END $$;\nSELECT ';'";
    builder.add("a1").up(sql).down("DROP TABLE a;");
    const auto scripts = migrations::detail::scripts_of(builder.build("x"), {0}, Dialect::postgresql);
    ASSERT_EQ(scripts.size(), 1U);
    using Ranges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
    ASSERT_TRUE(scripts[0].upgrade.statements.has_value());
    EXPECT_EQ(*scripts[0].upgrade.statements, (Ranges{{0, 22}, {32, 24}, {58, 10}}));
    EXPECT_EQ(sql.substr(32, 24), "DO $$ BEGIN NULL; END $$");
    EXPECT_EQ(scripts[0].downgrade.statements, std::optional<Ranges>(Ranges{{0, 12}}));
}

TEST(SchemaCatalogScripts, LeavesSqliteSectionsUnsplit) {
    const auto scripts = migrations::detail::scripts_of(todo_catalog(), {0, 1});
    EXPECT_FALSE(scripts[1].upgrade.statements.has_value());  // "-- upgrade: sqlite"
}

TEST(SchemaCatalogScripts, FeedsTheDriftCheck) {
    const Catalog catalog = todo_catalog();
    Database live = testing::database_with("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT, note TEXT)");
    EXPECT_EQ(detect_drift(live.get(), migrations::detail::scripts_of(catalog, {0})),
              std::vector<std::string>{"table 'todos': column 'note' is in the database but no revision creates it"});
}

}  // namespace
}  // namespace migrations::schema
