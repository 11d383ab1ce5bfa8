// @brief The operations diff() finds between two schemas, and their order.
#include "schema/diff.hpp"

#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

using testing::schema_of;

std::vector<std::string> described(const std::string& from, const std::string& to) {
    std::vector<std::string> lines;
    for (const Operation& op : diff(schema_of(from), schema_of(to)))
        lines.push_back(describe(op) + (op.dependency ? " [dependency]" : ""));
    return lines;
}

using Lines = std::vector<std::string>;

TEST(SchemaDiff, FindsNothingBetweenEqualSchemas) {
    EXPECT_TRUE(diff(schema_of("CREATE TABLE t (a INTEGER)"), schema_of("CREATE TABLE t (a INTEGER)")).empty());
}

TEST(SchemaDiff, DetectsCreatedAndDroppedTables) {
    EXPECT_EQ(described("CREATE TABLE a (x)", "CREATE TABLE b (y)"), (Lines{"drop table 'a'", "create table 'b'"}));
}

TEST(SchemaDiff, DetectsAddedAndDroppedColumns) {
    EXPECT_EQ(described("CREATE TABLE t (a INTEGER, b TEXT)", "CREATE TABLE t (a INTEGER, c BLOB)"),
              (Lines{"drop table 't' column 'b'", "add table 't' column 'c' (c BLOB)"}));
}

TEST(SchemaDiff, DetectsATypeChange) {
    EXPECT_EQ(described("CREATE TABLE t (a INTEGER)", "CREATE TABLE t (a TEXT)"),
              (Lines{"alter table 't' column 'a': type INTEGER -> TEXT"}));
}

TEST(SchemaDiff, DetectsANullabilityChange) {
    EXPECT_EQ(described("CREATE TABLE t (a INTEGER)", "CREATE TABLE t (a INTEGER NOT NULL)"),
              (Lines{"alter table 't' column 'a': NULL -> NOT NULL"}));
}

TEST(SchemaDiff, DetectsADefaultChange) {
    EXPECT_EQ(described("CREATE TABLE t (a INTEGER DEFAULT 1)", "CREATE TABLE t (a INTEGER)"),
              (Lines{"alter table 't' column 'a': default 1 -> none"}));
}

TEST(SchemaDiff, DetectsConstraintChanges) {
    EXPECT_EQ(described("CREATE TABLE t (a INTEGER, b INTEGER, UNIQUE (a))",
                        "CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b), CHECK (a > b))"),
              (Lines{"drop table 't' UNIQUE (a)", "add table 't' PRIMARY KEY (a, b)", "add table 't' CHECK (a > b)"}));
}

TEST(SchemaDiff, DetectsForeignKeyChanges) {
    EXPECT_EQ(
        described("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id REFERENCES p (id))",
                  "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id REFERENCES p (id) ON DELETE CASCADE)"),
        (Lines{"drop table 'c' foreign key (p_id) REFERENCES p (id)",
               "add table 'c' foreign key (p_id) REFERENCES p (id) ON DELETE CASCADE"}));
}

TEST(SchemaDiff, DetectsIndexChanges) {
    EXPECT_EQ(described("CREATE TABLE t (a, b); CREATE INDEX i ON t (a); CREATE INDEX j ON t (b)",
                        "CREATE TABLE t (a, b); CREATE INDEX i ON t (a) WHERE a > 0; CREATE INDEX k ON t (b)"),
              (Lines{"drop index 'i'", "drop index 'j'", "alter index 'i': WHERE none -> a > 0", "create index 'k'"}));
}

TEST(SchemaDiff, TakesAscAsTheDefaultOrderOfAnIndex) {
    EXPECT_EQ(described("CREATE TABLE t (a, b); CREATE INDEX i ON t (a ASC, b asc)",
                        "CREATE TABLE t (a, b); CREATE INDEX i ON t (a, b)"),
              Lines{});
    EXPECT_EQ(described("CREATE TABLE t (a, b); CREATE INDEX i ON t (a ASC, b)",
                        "CREATE TABLE t (a, b); CREATE INDEX i ON t (a DESC, b)"),
              (Lines{"drop index 'i'", "alter index 'i': columns (a, b) -> (a desc, b)"}));
}

TEST(SchemaDiff, DropsViewsAndTriggersBeforeTheTablesTheyUseAndCreatesThemAfter) {
    const std::string common =
        "CREATE VIEW v AS SELECT a FROM t; CREATE VIEW w AS SELECT * FROM v;"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;"
        "CREATE TABLE other (z); CREATE VIEW u AS SELECT z FROM other;";
    EXPECT_EQ(described("CREATE TABLE t (a INTEGER);" + common, "CREATE TABLE t (a TEXT);" + common),
              (Lines{"drop trigger 'tr' [dependency]", "drop view 'v' [dependency]", "drop view 'w' [dependency]",
                     "alter table 't' column 'a': type INTEGER -> TEXT", "create view 'v' [dependency]",
                     "create view 'w' [dependency]", "create trigger 'tr' [dependency]"}));
}

TEST(SchemaDiff, MarksADroppedAndAnAddedColumnAsAPossibleRename) {
    const auto operations = diff(schema_of("CREATE TABLE t (name TEXT, n INTEGER)"),
                                 schema_of("CREATE TABLE t (full_name TEXT, n INTEGER)"));
    ASSERT_EQ(operations.size(), 2U);
    const std::string note =
        "column 'name' dropped and column 'full_name' added on table 't': if this is a rename, "
        "replace both with ALTER TABLE \"t\" RENAME COLUMN \"name\" TO \"full_name\"";
    EXPECT_EQ(operations[0].possible_rename, note);
    EXPECT_EQ(operations[1].possible_rename, note);
}

TEST(SchemaDiff, MarksADroppedAndACreatedTableWithTheSameColumnsAsAPossibleRename) {
    const auto operations = diff(schema_of("CREATE TABLE old (a, b)"), schema_of("CREATE TABLE new (b, a)"));
    ASSERT_EQ(operations.size(), 2U);
    EXPECT_EQ(operations[1].possible_rename,
              "table 'old' dropped and table 'new' created with the same columns: if this is a rename, replace both "
              "with ALTER TABLE \"old\" RENAME TO \"new\"");
}

TEST(SchemaDiff, DoesNotMarkColumnsOfDifferentTypes) {
    for (const Operation& op : diff(schema_of("CREATE TABLE t (a TEXT)"), schema_of("CREATE TABLE t (b INTEGER)")))
        EXPECT_EQ(op.possible_rename, "");
}

TEST(SchemaDiff, CarriesTheTableBeforeAndAfterAndItsKeptIndexes) {
    const auto operations = diff(schema_of("CREATE TABLE t (a, b); CREATE INDEX ta ON t (a); CREATE INDEX tb ON t (b)"),
                                 schema_of("CREATE TABLE t (a); CREATE INDEX ta ON t (a)"));
    ASSERT_EQ(operations.size(), 2U);
    EXPECT_EQ(operations[0].kind, OperationKind::drop_index);
    EXPECT_EQ(operations[1].kind, OperationKind::drop_column);
    EXPECT_EQ(operations[1].table_before->columns.size(), 2U);
    EXPECT_EQ(operations[1].table_after->columns.size(), 1U);
    ASSERT_EQ(operations[1].kept_indexes.size(), 1U);
    EXPECT_EQ(operations[1].kept_indexes[0].name, "ta");
}

}  // namespace
}  // namespace migrations::schema
