// @brief Drift detection: a live database altered by hand, against its applied revisions.
#include "schema/drift.hpp"

#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

using Lines = std::vector<std::string>;

std::vector<RevisionScript> todo_revisions() { return testing::read_revision_chain(MIGRATIONS_EXAMPLE_MIGRATIONS_DIR); }

/// A file database migrated by the example's revisions, with a version table as the runtime keeps it.
Database migrated_database(const std::filesystem::path& path) {
    std::filesystem::remove(path);
    Database db(path.string());
    execute(db.get(), "CREATE TABLE schema_revisions (revision TEXT PRIMARY KEY, checksum TEXT)");
    EXPECT_FALSE(replay_upgrades(db.get(), todo_revisions()));
    return db;
}

class SchemaDrift : public ::testing::Test {
protected:
    void TearDown() override { std::filesystem::remove(path_); }
    // One file per test: ctest may run the tests of this suite in parallel.
    std::filesystem::path path_ =
        std::filesystem::temp_directory_path() /
        (std::string("schema_drift_") + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
};

TEST_F(SchemaDrift, FindsNothingInADatabaseTheRevisionsMade) {
    const Database db = migrated_database(path_);
    EXPECT_EQ(detect_drift(db.get(), todo_revisions()), Lines{});
}

TEST_F(SchemaDrift, NamesAColumnAddedByHand) {
    const Database db = migrated_database(path_);
    execute(db.get(), "ALTER TABLE todos ADD COLUMN note TEXT");
    EXPECT_EQ(detect_drift(db.get(), todo_revisions()),
              Lines{"table 'todos': column 'note' is in the database but no revision creates it"});
}

TEST_F(SchemaDrift, NamesEveryKindOfDifference) {
    const Database db = migrated_database(path_);
    execute(db.get(),
            "DROP INDEX todos_deleted_at;"
            "CREATE TABLE scratch (x);"
            "CREATE INDEX todos_title ON todos (title);"
            "ALTER TABLE todos DROP COLUMN completed_at;"
            "ALTER TABLE todos ADD COLUMN completed_at INTEGER;");
    EXPECT_EQ(detect_drift(db.get(), todo_revisions()),
              (Lines{"index 'todos_deleted_at' is missing from the database",
                     "table 'scratch' is in the database but no revision creates it",
                     "table 'todos': column 'completed_at' differs from the revisions (type TEXT -> INTEGER)",
                     "index 'todos_title' is in the database but no revision creates it"}));
}

TEST_F(SchemaDrift, NamesAChangedIndexOnceAndTakesAscAsTheDefault) {
    const Database db = migrated_database(path_);
    execute(db.get(), "DROP INDEX todos_deleted_at; CREATE INDEX todos_deleted_at ON todos (deleted_at ASC);");
    EXPECT_EQ(detect_drift(db.get(), todo_revisions()), Lines{});
    execute(db.get(), "DROP INDEX todos_deleted_at; CREATE INDEX todos_deleted_at ON todos (deleted_at DESC, title);");
    EXPECT_EQ(detect_drift(db.get(), todo_revisions()),
              Lines{"index 'todos_deleted_at' differs from the revisions (columns (deleted_at) -> (deleted_at desc, "
                    "title))"});
}

TEST_F(SchemaDrift, NamesATableDroppedByHand) {
    const Database db = migrated_database(path_);
    execute(db.get(), "DROP TABLE todos");
    EXPECT_EQ(detect_drift(db.get(), todo_revisions()), (Lines{"index 'todos_deleted_at' is missing from the database",
                                                               "table 'todos' is missing from the database"}));
}

TEST_F(SchemaDrift, ComparesOnlyWithTheAppliedRevisions) {
    const Database db = migrated_database(path_);
    auto applied = todo_revisions();
    applied.pop_back();
    EXPECT_EQ(detect_drift(db.get(), applied),
              (Lines{"table 'todos': column 'done' is missing from the database",
                     "table 'todos': column 'completed_at' is in the database but no revision creates it"}));
}

TEST_F(SchemaDrift, ThrowsTheDiagnosticOfARevisionThatDoesNotReplay) {
    const Database db = migrated_database(path_);
    const std::vector<RevisionScript> broken = {{"a1", "a1.sql", {"CREATE TABL t (a);\n", 7, 6}, {"", 10, 9}, false}};
    try {
        (void)detect_drift(db.get(), broken);
        FAIL() << "no exception";
    } catch (const SchemaError& error) {
        EXPECT_STREQ(error.what(), "a1.sql:7: error: upgrade of a1 failed: near \"TABL\": syntax error");
    }
}

}  // namespace
}  // namespace migrations::schema
