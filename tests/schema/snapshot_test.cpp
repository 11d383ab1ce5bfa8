// @brief Snapshots: the cheap fingerprint VERIFY compares first, and the model behind it.
#include "schema/snapshot.hpp"

#include "schema_test_support.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

using testing::database_with;

constexpr const char* kSchema =
    "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT CHECK (a <> ''));"
    "CREATE INDEX ta ON t (a); CREATE VIEW v AS SELECT a FROM t;"
    "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;"
    "CREATE TABLE schema_revisions (id TEXT PRIMARY KEY)";

TEST(SchemaSnapshot, ListsTablesViewsIndexesAndTriggersInThatOrder) {
    const Database db = database_with(kSchema);
    std::vector<std::string> names;
    for (const SnapshotObject& object : take_snapshot(db.get()).objects)
        names.push_back(object.type + " " + object.name);
    EXPECT_EQ(names, (std::vector<std::string>{"table t", "view v", "index ta", "trigger tr"}));
}

TEST(SchemaSnapshot, IsRestoredByAnAddAndADropOfAColumn) {
    const Database db = database_with(kSchema);
    const SchemaSnapshot before = take_snapshot(db.get());
    execute(db.get(), "ALTER TABLE t ADD COLUMN b INTEGER");
    EXPECT_NE(take_snapshot(db.get()), before);
    execute(db.get(), "ALTER TABLE t DROP COLUMN b");
    EXPECT_EQ(take_snapshot(db.get()), before);
}

TEST(SchemaSnapshot, GivesTheSameModelAsTheDatabase) {
    const Database db = database_with(kSchema);
    EXPECT_EQ(describe(model_of(take_snapshot(db.get()))), describe(introspect(db.get())));
}

TEST(SchemaSnapshot, DiffersWhereTheModelsAreEqual) {
    const Database a = database_with("CREATE TABLE t (x INTEGER, y TEXT)");
    const Database b = database_with("CREATE TABLE t (y TEXT, x INTEGER)");
    EXPECT_NE(take_snapshot(a.get()), take_snapshot(b.get()));
    EXPECT_EQ(model_of(take_snapshot(a.get())), introspect(b.get()));
}

}  // namespace
}  // namespace migrations::schema
