// @brief Equality and description of schema models.
#include "schema/model.hpp"

#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

using testing::schema_of;

TEST(SchemaModel, ColumnOrderIsNotPartOfEquality) {
    EXPECT_EQ(schema_of("CREATE TABLE t (a INTEGER, b TEXT)"), schema_of("CREATE TABLE t (b TEXT, a INTEGER)"));
}

TEST(SchemaModel, NamesCompareWithoutCase) {
    EXPECT_EQ(schema_of("CREATE TABLE Users (Id INTEGER)"), schema_of("CREATE TABLE users (id integer)"));
}

TEST(SchemaModel, LayoutAndQuotingOfViewsDoNotMatter) {
    EXPECT_EQ(schema_of("CREATE TABLE t (a); CREATE VIEW v AS SELECT \"a\" FROM t"),
              schema_of("CREATE TABLE t (a);\nCREATE VIEW v AS\n  select a\n  from t"));
}

TEST(SchemaModel, EveryPropertyOfAColumnCounts) {
    const Schema base = schema_of("CREATE TABLE t (a INTEGER NOT NULL DEFAULT 0)");
    EXPECT_NE(base, schema_of("CREATE TABLE t (a TEXT NOT NULL DEFAULT 0)"));
    EXPECT_NE(base, schema_of("CREATE TABLE t (a INTEGER DEFAULT 0)"));
    EXPECT_NE(base, schema_of("CREATE TABLE t (a INTEGER NOT NULL DEFAULT 1)"));
    EXPECT_NE(base, schema_of("CREATE TABLE t (a INTEGER NOT NULL DEFAULT 0 COLLATE NOCASE)"));
}

TEST(SchemaModel, KeepsObjectsSortedByName) {
    const Schema schema =
        schema_of("CREATE TABLE b (x); CREATE TABLE A (x); CREATE INDEX z ON b (x); CREATE INDEX y ON A (x)");
    ASSERT_EQ(schema.tables.size(), 2U);
    EXPECT_EQ(schema.tables[0].name, "A");
    EXPECT_EQ(schema.indexes[0].name, "y");
}

TEST(SchemaModel, DescribesASchemaReadably) {
    const Schema schema = schema_of(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL COLLATE NOCASE UNIQUE, "
        "age INTEGER DEFAULT 18 CHECK (age >= 0));"
        "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE);"
        "CREATE INDEX pets_owner ON pets (owner_id) WHERE owner_id IS NOT NULL;"
        "CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18;"
        "CREATE TRIGGER pets_check AFTER INSERT ON pets BEGIN SELECT 1; END;");
    EXPECT_EQ(describe(schema),
              "table pets\n"
              "  column id INTEGER\n"
              "  column owner_id INTEGER\n"
              "  primary key (id)\n"
              "  foreign key (owner_id) REFERENCES users (id) ON DELETE CASCADE\n"
              "table users\n"
              "  column id INTEGER\n"
              "  column email TEXT NOT NULL COLLATE nocase\n"
              "  column age INTEGER DEFAULT (18)\n"
              "  primary key (id)\n"
              "  unique (email)\n"
              "  check (age >= 0)\n"
              "INDEX pets_owner ON pets (owner_id) WHERE owner_id is not null\n"
              "view adults: create view adults as select * from users where age >= 18\n"
              "trigger pets_check ON pets: create trigger pets_check after insert on pets begin select 1; end\n");
    EXPECT_EQ(describe(Schema{}), "(empty schema)\n");
}

}  // namespace
}  // namespace migrations::schema
