// @brief The one adapter from a catalog to RevisionScript (runtime/catalog_scripts.hpp), on a
// catalog the generator's serializer wrote, feeding the drift check.
#include "catalog_scripts.hpp"

#include <migrations/session.hpp>

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

void create_titles(Session& session) {
    session.execute("CREATE TABLE titles (t TEXT);\nINSERT INTO titles VALUES ('x');");
}
void drop_titles(Session& session) {
    session.execute("DROP TABLE titles;");
    session.execute("DROP TABLE nowhere;", {}, 77);  // fails at the line it gives
}

/// a1 (SQL) then b2, a C++ revision whose steps are create_titles (line 12) and drop_titles (line 20).
Catalog cpp_catalog(bool irreversible = false) {
    static const CppStep steps[] = {{&create_titles, 12}, {&drop_titles, 20}};
    migrations::testing::CatalogBuilder builder;
    builder.add("a1").up("CREATE TABLE todos (id INTEGER PRIMARY KEY);\n").down("DROP TABLE todos;\n");
    builder.add("b2", {"a1"}).cpp();
    if (irreversible) builder.irreversible();
    return builder.build("todo").with_cpp_steps(steps, 2);
}

TEST(SchemaCatalogScripts, FillsTheStepsOfACppRevisionThatRunTheCatalogsFunctions) {
    const auto scripts = migrations::detail::scripts_of(cpp_catalog(), {0, 1});
    ASSERT_EQ(scripts.size(), 2U);
    EXPECT_FALSE(scripts[0].upgrade.cpp_step);
    ASSERT_TRUE(scripts[1].upgrade.cpp_step);
    ASSERT_TRUE(scripts[1].downgrade.cpp_step);
    EXPECT_EQ(scripts[1].upgrade.line(), 12U);
    EXPECT_EQ(scripts[1].downgrade.line(), 20U);
    const Database db;
    EXPECT_EQ(replay_upgrades(db.get(), scripts), std::nullopt);
    EXPECT_EQ(testing::count_rows(db.get(), "titles"), 1);
}

TEST(SchemaCatalogScripts, ACppStepFailsAtTheLineOfTheCallAndKeepsNothing) {
    const auto scripts = migrations::detail::scripts_of(cpp_catalog(), {0, 1});
    const Database db;
    ASSERT_EQ(replay_upgrades(db.get(), scripts), std::nullopt);
    const auto failure = run_revision_section(db.get(), scripts[1].downgrade);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->line, 77U);
    EXPECT_EQ(failure->message, "no such table: nowhere");
    EXPECT_EQ(testing::count_rows(db.get(), "titles"), 1);  // the DROP before it rolled back
}

void commit(Session& session) { session.execute("COMMIT;", {}, 31); }
void vacuum(Session& session) { session.execute("VACUUM;"); }

TEST(SchemaCatalogScripts, RunsATransactionalCppStepInATransactionItCannotEnd) {
    static const CppStep steps[] = {{&commit, 30}, {&vacuum, 40}};
    migrations::testing::CatalogBuilder builder;
    builder.add("b2").cpp();
    const auto scripts = migrations::detail::scripts_of(builder.build("todo").with_cpp_steps(steps, 2), {0});
    const Database db;
    const auto refused = run_revision_section(db.get(), scripts[0].upgrade);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->line, 31U);
    EXPECT_EQ(refused->message, kTransactionControlRefused);
    // VACUUM cannot run in a transaction, which the step runs in.
    const auto vacuumed = run_revision_section(db.get(), scripts[0].downgrade);
    ASSERT_TRUE(vacuumed.has_value());
    EXPECT_EQ(vacuumed->message, "cannot VACUUM from within a transaction");
}

TEST(SchemaCatalogScripts, RunsANonTransactionalCppStepOutsideAnyTransaction) {
    static const CppStep steps[] = {{&vacuum, 30}, {&vacuum, 40}};
    migrations::testing::CatalogBuilder builder;
    builder.add("b2").cpp().no_transaction();
    const auto scripts = migrations::detail::scripts_of(builder.build("todo").with_cpp_steps(steps, 2), {0});
    const Database db;
    EXPECT_EQ(run_revision_section(db.get(), scripts[0].upgrade), std::nullopt);
}

TEST(SchemaCatalogScripts, LeavesCppRevisionsEmptyOnPostgresqlWithoutStepsAndWhenIrreversible) {
    EXPECT_FALSE(migrations::detail::scripts_of(cpp_catalog(), {1}, Dialect::postgresql)[0].upgrade.cpp_step);
    migrations::testing::CatalogBuilder builder;
    builder.add("b2").cpp();
    EXPECT_FALSE(migrations::detail::scripts_of(builder.build("todo"), {0})[0].upgrade.cpp_step);
    const auto irreversible = migrations::detail::scripts_of(cpp_catalog(true), {0, 1});
    EXPECT_TRUE(irreversible[1].upgrade.cpp_step);
    EXPECT_FALSE(irreversible[1].downgrade.cpp_step);
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
