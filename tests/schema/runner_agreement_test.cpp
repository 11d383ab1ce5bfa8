// @brief `migrations verify` and upgrade() run sections with one runner: on the same catalog
// they accept and refuse the same revisions, at the same line, for the same reason.
#include <gtest/gtest.h>

#include <migrations/migrations.hpp>

#include "schema/catalog_scripts.hpp"
#include "schema/verify.hpp"
#include "schema_test_support.hpp"

namespace migrations::schema {
namespace {

// A table rebuild (as autogenerate writes it) that loses the parent row a child refers to:
// its PRAGMA foreign_key_check finds the broken reference.
const char* const kParentUpgrade[] = {
    "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (p_id REFERENCES p (id));\n"
    "INSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1);\n"};
const char* const kParentDowngrade[] = {"DROP TABLE c;\nDROP TABLE p;\n"};
const char* const kRebuildUpgrade[] = {
    "PRAGMA foreign_keys = OFF;\nCREATE TABLE p_new (id INTEGER PRIMARY KEY);\nDROP TABLE p;\n",
    "ALTER TABLE p_new RENAME TO p;\nPRAGMA foreign_key_check;\nPRAGMA foreign_keys = ON;\n"};
const char* const kRebuildDowngrade[] = {"SELECT 1;\n"};
const std::uint32_t kFirstParent[] = {0};

const Section kSections[] = {
    {"", 6, {{kParentUpgrade, 1}}},
    {"", 12, {{kParentDowngrade, 1}}},
    {"", 6, {{kRebuildUpgrade, 2}}},
    {"", 14, {{kRebuildDowngrade, 1}}},
};

const RevisionSpec kRevisions[] = {
    {"a1",
     "parent and child",
     "",
     "migrations/a1.sql",
     {},
     {},
     {},
     {&kSections[0], 1},
     {&kSections[1], 1},
     {"", ""},
     true,
     false,
     0},
    {"b2",
     "rebuild p",
     "",
     "migrations/b2.sql",
     {kFirstParent, 1},
     {},
     {},
     {&kSections[2], 1},
     {&kSections[3], 1},
     {"", ""},
     true,
     false,
     0},
};
const std::uint32_t kById[] = {0, 1};
const CatalogSpec kSpec = {"fk", {kRevisions, 2}, {kById, 2}, 1U};

TEST(SectionRunner, VerifyAndUpgradeRefuseTheSameForeignKeyViolationAtTheSameLine) {
    const Catalog catalog(kSpec);
    EXPECT_EQ(
        verify_revisions(scripts_of(catalog, {0, 1})),
        std::vector<std::string>{"migrations/b2.sql:10: error: upgrade of b2 failed: foreign key violation: row 1 "
                                 "of table 'c' refers to a missing row of 'p'"});
    Database db;
    try {
        (void)upgrade(db.get(), catalog);
        ADD_FAILURE() << "upgrade() committed a revision that verify refuses";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
        EXPECT_STREQ(error.what(),
                     "migrations/b2.sql:10: b2 upgrade failed: foreign key violation: row 1 of table 'c' "
                     "refers to a missing row of 'p'");
    }
    EXPECT_EQ(testing::count_rows(db.get(), "sqlite_master"), 0);
    // Without the broken reference, both accept it.
    Database fixed;
    (void)upgrade(fixed.get(), catalog, "a1");
    execute(fixed.get(), "DELETE FROM c");
    EXPECT_EQ(upgrade(fixed.get(), catalog).revisions, std::vector<std::string>{"b2"});
}

}  // namespace
}  // namespace migrations::schema
