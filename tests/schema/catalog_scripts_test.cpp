// @brief The adapter from a generated catalog to RevisionScript, on a table written as the
// generator writes it, feeding the drift check.
#include "schema/catalog_scripts.hpp"

#include "schema/drift.hpp"
#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

const char* const kCreateUpgrade[] = {"CREATE TABLE todos (id INTEGER PRIMARY KEY,", " title TEXT);\n"};
const char* const kCreateDowngrade[] = {"DROP TABLE todos;\n"};
const char* const kIndexGeneric[] = {"SELECT 1;\n"};
const char* const kIndexSqlite[] = {"CREATE INDEX todos_title ON todos (title);\n"};
const char* const kIndexDowngrade[] = {"DROP INDEX todos_title;\n"};
const std::uint32_t kFirstParent[] = {0};

const Section kSections[] = {
    {"", 7, {{kCreateUpgrade, 2}}},
    {"", 11, {{kCreateDowngrade, 1}}},
    {"", 7, {{kIndexGeneric, 1}}},
    {"sqlite", 10, {{kIndexSqlite, 1}}},
    {"", 13, {{kIndexDowngrade, 1}}},
};

const RevisionSpec kRevisions[] = {
    {"a1", "create todos", "", "migrations/a1_create.sql", {}, {}, {}, {&kSections[0], 1}, {&kSections[1], 1},
     {"", ""}, true, false, 0},
    {"b2", "index titles", "", "migrations/b2_index.sql", {kFirstParent, 1}, {}, {}, {&kSections[2], 2},
     {&kSections[4], 1}, {"", ""}, true, false, 0},
};
const std::uint32_t kById[] = {0, 1};
const CatalogSpec kSpec = {"todo", {kRevisions, 2}, {kById, 2}, 1U};

TEST(SchemaCatalogScripts, TakesTheSqliteSectionsOfEachRevision) {
    const Catalog catalog(kSpec);
    const auto scripts = scripts_of(catalog, {0, 1});
    ASSERT_EQ(scripts.size(), 2U);
    EXPECT_EQ(scripts[0].id, "a1");
    EXPECT_EQ(scripts[0].file, "migrations/a1_create.sql");
    EXPECT_EQ(scripts[0].upgrade.sql, "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT);\n");
    EXPECT_EQ(scripts[0].upgrade.first_line, 7U);
    EXPECT_EQ(scripts[0].downgrade.line(), 10U);
    EXPECT_EQ(scripts[1].upgrade.sql, "CREATE INDEX todos_title ON todos (title);\n");
    EXPECT_EQ(scripts[1].upgrade.first_line, 10U);
}

TEST(SchemaCatalogScripts, FeedsTheDriftCheck) {
    const Catalog catalog(kSpec);
    Database live = testing::database_with("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT, note TEXT)");
    EXPECT_EQ(detect_drift(live.get(), scripts_of(catalog, {0})),
              std::vector<std::string>{"table 'todos': column 'note' is in the database but no revision creates it"});
}

}  // namespace
}  // namespace migrations::schema
