// @brief Tests of the owned run-time Catalog built from parsed revisions.
#include "catalog_builder.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "parser.hpp"
#include "validator.hpp"

namespace migrations::generator {
namespace {

Catalog load(std::uint32_t dialects = kAllDialects) {
    const std::vector<std::string> texts = {
        "-- revision: b\n-- down_revision: a\n-- message: second\n-- branch_labels: tip\n-- depends_on: a\n"
        "-- upgrade: postgresql\nSELECT 'pg';\n-- upgrade\nSELECT 'any';\n-- downgrade: irreversible\n",
        "-- revision: a\n-- down_revision: none\n-- message: first\n-- upgrade\n\nCREATE TABLE t (x INT);\n"
        "-- downgrade\nDROP TABLE t;\n",
    };
    Diagnostics diagnostics;
    std::vector<RevisionFile> files;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        files.push_back(parse_revision(texts[i], std::to_string(i) + ".sql", dialects, diagnostics));
        files.back().relative_path = "m/" + std::to_string(i) + ".sql";
    }
    ValidationOptions options;
    options.dialects = dialects;
    const auto set = validate(std::move(files), options, diagnostics);
    EXPECT_TRUE(set.has_value());
    return make_catalog(*set, "dev");  // the set goes away here; the catalog keeps its storage
}

TEST(CatalogBuilder, HoldsTheRevisionsInTopologicalOrderWithLookups) {
    const Catalog catalog = load();
    EXPECT_STREQ(catalog.name(), "dev");
    ASSERT_EQ(catalog.size(), 2U);
    EXPECT_STREQ(catalog[0].id, "a");
    EXPECT_STREQ(catalog[1].id, "b");
    EXPECT_EQ(catalog.find("b"), 1);
    EXPECT_EQ(catalog.find("c"), -1);
    EXPECT_TRUE(catalog.supports(Dialect::sqlite));
    ASSERT_EQ(catalog[1].parents.size, 1U);
    EXPECT_EQ(catalog[1].parents[0], 0U);
    ASSERT_EQ(catalog[1].depends_on.size, 1U);
    ASSERT_EQ(catalog[1].branch_labels.size, 1U);
    EXPECT_STREQ(catalog[1].branch_labels[0], "tip");
    EXPECT_STREQ(catalog[0].file, "m/1.sql");
    EXPECT_EQ(std::strlen(catalog[0].checksum[0]), 64U);
    EXPECT_TRUE(catalog[1].irreversible);
}

TEST(CatalogBuilder, KeepsSectionTextAndLines) {
    const Catalog catalog = load();
    const auto upgrade = Catalog::upgrade_section(catalog[0], Dialect::sqlite);
    ASSERT_TRUE(upgrade.has_value());
    EXPECT_EQ(upgrade->first_line, 5U);
    EXPECT_EQ(upgrade->sql.str(), "\nCREATE TABLE t (x INT);\n");
    EXPECT_EQ(Catalog::upgrade_section(catalog[1], Dialect::postgresql)->sql.str(), "SELECT 'pg';\n");
    EXPECT_EQ(Catalog::upgrade_section(catalog[1], Dialect::sqlite)->sql.str(), "SELECT 'any';\n");
    EXPECT_FALSE(Catalog::downgrade_section(catalog[1], Dialect::sqlite).has_value());
    EXPECT_EQ(Catalog::downgrade_section(catalog[0], Dialect::sqlite)->sql.str(), "DROP TABLE t;\n");
}

TEST(CatalogBuilder, LeavesOutUnselectedDialectsAndSharesStorageBetweenCopies) {
    const std::uint32_t sqlite_only = 1U << static_cast<unsigned>(Dialect::sqlite);
    Catalog copy = load(sqlite_only);
    {
        const Catalog original = load(sqlite_only);
        copy = original;
    }
    EXPECT_FALSE(copy.supports(Dialect::postgresql));
    EXPECT_EQ(copy[1].upgrade.size, 1U);
    EXPECT_STREQ(copy[1].checksum[1], "");
    EXPECT_STREQ(copy[1].id, "b");
}

}  // namespace
}  // namespace migrations::generator
