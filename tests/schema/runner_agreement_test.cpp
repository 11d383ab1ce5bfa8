// @brief `migrations verify` and upgrade() run sections with one runner: on the same catalog
// they accept and refuse the same revisions, at the same line, for the same reason.
#include <gtest/gtest.h>

#include <migrations/migrations.hpp>

#include "catalog_scripts.hpp"
#include "schema/verify.hpp"
#include "schema_test_support.hpp"
#include "support/test_catalog.hpp"

namespace migrations::schema {
namespace {

// A table rebuild (as autogenerate writes it) that loses the parent row a child refers to:
// its PRAGMA foreign_key_check finds the broken reference.
Catalog fk_catalog() {
    migrations::testing::CatalogBuilder builder;
    builder.add("a1")
        .message("parent and child")
        .up("CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (p_id REFERENCES p (id));\n"
            "INSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1);\n")
        .down("DROP TABLE c;\nDROP TABLE p;\n");
    builder.add("b2", {"a1"})
        .message("rebuild p")
        .up("PRAGMA foreign_keys = OFF;\nCREATE TABLE p_new (id INTEGER PRIMARY KEY);\nDROP TABLE p;\n"
            "ALTER TABLE p_new RENAME TO p;\nPRAGMA foreign_key_check;\nPRAGMA foreign_keys = ON;\n")
        .down("SELECT 1;\n");
    return builder.build("fk");
}

TEST(SectionRunner, VerifyAndUpgradeRefuseTheSameForeignKeyViolationAtTheSameLine) {
    const Catalog catalog = fk_catalog();
    EXPECT_EQ(
        verify_revisions(migrations::detail::scripts_of(catalog, {0, 1})),
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
