// @brief What is read from CREATE TABLE and CREATE INDEX text.
#include "schema/ddl_parser.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

TEST(SchemaDdlParser, ReadsColumnAndTableChecksWithTheirNames) {
    const TableText text = parse_create_table(
        "CREATE TABLE t (a INTEGER CHECK (a > 0), b TEXT CONSTRAINT b_short CHECK(length(b) < 10) NOT NULL, "
        "CONSTRAINT pair CHECK (a <> b), CHECK (b <> 'x, y'))");
    ASSERT_EQ(text.checks.size(), 4U);
    EXPECT_EQ(text.checks[0], (CheckConstraint{"", "a > 0"}));
    EXPECT_EQ(text.checks[1], (CheckConstraint{"b_short", "length(b) < 10"}));
    EXPECT_EQ(text.checks[2], (CheckConstraint{"pair", "a <> b"}));
    EXPECT_EQ(text.checks[3], (CheckConstraint{"", "b <> 'x, y'"}));
}

TEST(SchemaDdlParser, DoesNotGiveAConstraintNameToTheNextCheck) {
    const TableText text = parse_create_table("CREATE TABLE t (a INTEGER CONSTRAINT nn NOT NULL CHECK (a > 0))");
    ASSERT_EQ(text.checks.size(), 1U);
    EXPECT_EQ(text.checks[0].name, "");
}

TEST(SchemaDdlParser, ReadsCollationsAutoincrementAndOptions) {
    const TableText text = parse_create_table(
        "CREATE TABLE \"T\" (id INTEGER PRIMARY KEY AUTOINCREMENT, \"Name\" TEXT DEFAULT ('a') COLLATE NOCASE) STRICT");
    EXPECT_TRUE(text.autoincrement);
    EXPECT_TRUE(text.strict);
    EXPECT_FALSE(text.without_rowid);
    EXPECT_EQ(text.collations.at("name"), "nocase");
    EXPECT_TRUE(parse_create_table("CREATE TABLE k (a PRIMARY KEY) WITHOUT ROWID").without_rowid);
}

TEST(SchemaDdlParser, IgnoresATableMadeFromASelect) {
    const TableText text = parse_create_table("CREATE TABLE c AS SELECT (1) AS x");
    EXPECT_TRUE(text.checks.empty());
    EXPECT_TRUE(text.collations.empty());
}

TEST(SchemaDdlParser, ReadsIndexPartsAndWhere) {
    const IndexText text =
        parse_create_index("CREATE UNIQUE INDEX i ON t (lower(email), \"created_at\" DESC) WHERE deleted_at IS NULL");
    EXPECT_EQ(text.parts, (std::vector<std::string>{"lower(email)", "created_at desc"}));
    EXPECT_EQ(text.where, "deleted_at is null");
}

}  // namespace
}  // namespace migrations::schema
