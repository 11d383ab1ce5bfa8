// @brief The SQLite backend's execution: SQLite splits statements; failures name file and line.
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::Db;
using testing::TempDir;

TEST(SqliteExecute, SemicolonsInStringsAndTriggerBodiesAreNotStatementEnds) {
    TempDir dir;
    Db db(dir.file("app.db"));
    CatalogBuilder b;
    b.add("a1")
        .up("CREATE TABLE notes (body TEXT);\n"
            "INSERT INTO notes VALUES ('one; two; three');\n"
            "CREATE TABLE audit (n INTEGER);\n"
            "CREATE TRIGGER count_notes AFTER INSERT ON notes BEGIN\n"
            "  INSERT INTO audit VALUES (1);\n"
            "  UPDATE audit SET n = n + 1;\n"
            "END;\n"
            "INSERT INTO notes VALUES ('a '';'' quote; /* not a comment; */');\n")
        .down("DROP TABLE notes; DROP TABLE audit;");
    (void)upgrade(db, b.build());
    EXPECT_EQ(db.rows("SELECT body FROM notes ORDER BY rowid"),
              (std::vector<std::string>{"one; two; three", "a ';' quote; /* not a comment; */"}));
    EXPECT_EQ(db.value("SELECT n FROM audit"), "2");
}

TEST(SqliteExecute, ReportsTheLineOfTheFailingStatementPastCommentsAndBlankLines) {
    struct Case {
        const char* sql;
        unsigned first_line;
        const char* message;
    };
    const Case cases[] = {
        {"SELEC 1;", 4, "migrations/x.sql:4: x upgrade failed: near \"SELEC\": syntax error"},
        {"CREATE TABLE a (x);\n\n/* a; block;\n comment */\n  -- and a line; comment\n  INSERT INTO b VALUES (1);", 10,
         "migrations/x.sql:15: x upgrade failed: no such table: b"},
        {"CREATE TABLE a (x); INSERT INTO a VALUES (1); INSERT INTO a VALUES (1, 2);", 7,
         "migrations/x.sql:7: x upgrade failed: table a has 1 columns but 2 values were supplied"},
        {"CREATE TABLE a (x UNIQUE);\nINSERT INTO a VALUES ('1;\n2');\nINSERT INTO a VALUES ('1;\n2');", 20,
         "migrations/x.sql:23: x upgrade failed: UNIQUE constraint failed: a.x"},
    };
    for (const Case& c : cases) {
        TempDir dir;
        Db db(dir.file("app.db"));
        CatalogBuilder b;
        b.add("x").up(c.sql).down("").file("migrations/x.sql", c.first_line);
        try {
            (void)upgrade(db, b.build());
            ADD_FAILURE() << c.sql;
        } catch (const Error& error) {
            EXPECT_STREQ(error.what(), c.message);
            EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
        }
        EXPECT_TRUE(testing::table_names(db).empty());
    }
}

TEST(SqliteExecute, ReportsDowngradeFailuresWithTheDowngradeLine) {
    TempDir dir;
    Db db(dir.file("app.db"));
    CatalogBuilder b;
    b.add("x").up("CREATE TABLE a (x);\n").down("DROP TABLE nope;").file("migrations/x.sql", 6);
    const Catalog catalog = b.build();
    (void)upgrade(db, catalog);
    try {
        (void)downgrade(db, catalog, "base");
        ADD_FAILURE() << "no error";
    } catch (const Error& error) {
        // The builder puts the downgrade section two lines below the end of the upgrade.
        EXPECT_STREQ(error.what(), "migrations/x.sql:9: x downgrade failed: no such table: nope");
    }
    EXPECT_EQ(current(db, catalog), std::vector<std::string>{"x"});
}

}  // namespace
}  // namespace migrations
