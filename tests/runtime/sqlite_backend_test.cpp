// @brief The SQLite backend: SQLite splits statements, failures name file and line, linear
// sections, the transaction policy, lock waits and timeouts, and how sqlite:// URLs open.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <migrations/migrations.hpp>
#include <string>
#include <vector>

#include "support/expect_error.hpp"
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::Db;
using testing::expect_error;
using testing::graph_catalog;
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

// A4: a section runs in time linear in its size. SQLite copies the text it is given unless the
// length includes the NUL: the runner used to pass the rest of the section without it, so SQLite
// copied all of it before every statement. SQLite's own allocations show such a copy.
TEST(SqliteExecute, NeverHasSqliteCopyTheRestOfTheSection) {
    TempDir dir;
    Db db(dir.file("app.db"));
    std::string sql;  // 4 MB of statements that store nothing
    while (sql.size() < 4'000'000) sql += "SELECT '" + std::string(100, 'x') + "';\n";
    CatalogBuilder b;
    b.add("big").up(sql).down("");
    const Catalog catalog = b.build();
    sqlite3_memory_highwater(1);
    const auto before = sqlite3_memory_used();
    EXPECT_EQ(upgrade(db, catalog).revisions, std::vector<std::string>{"big"});
    EXPECT_LT(sqlite3_memory_highwater(0) - before, 1'000'000);
}

// B10: the runtime runs sections with the schema engines' runner, so a PRAGMA
// foreign_key_check that finds a broken reference fails upgrade() as it fails VERIFY.
TEST(SqliteExecute, FailsWhenAForeignKeyCheckFindsAViolationAndKeepsNothing) {
    TempDir dir;
    Db db(dir.file("app.db"));
    CatalogBuilder b;
    b.add("p")
        .up("CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (p_id REFERENCES p (id));\n"
            "INSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1);")
        .down("DROP TABLE c; DROP TABLE p;");
    b.add("rebuild", {"p"})
        .up("PRAGMA foreign_keys = OFF;\nCREATE TABLE p_new (id INTEGER PRIMARY KEY);\nDROP TABLE p;\n"
            "ALTER TABLE p_new RENAME TO p;\nPRAGMA foreign_key_check;\nPRAGMA foreign_keys = ON;")
        .down("SELECT 1;")
        .file("migrations/rebuild.sql", 10);
    const Error error = expect_error([&] { (void)upgrade(db, b.build()); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_STREQ(error.what(),
                 "migrations/rebuild.sql:14: rebuild upgrade failed: foreign key violation: row 1 of "
                 "table 'c' refers to a missing row of 'p'");
    EXPECT_TRUE(testing::table_names(db).empty());
}

// A5: COMMIT, END, ROLLBACK or BEGIN inside a transactional revision would end the migration's
// transaction: refused at its line before it runs, so nothing of the run stays applied.
TEST(SqliteExecute, RefusesTransactionControlInATransactionalRevisionAndKeepsNothing) {
    for (const char* statement : {"COMMIT;", "END TRANSACTION;", "ROLLBACK;", "BEGIN;"}) {
        TempDir dir;
        Db db(dir.file("app.db"));
        CatalogBuilder b;
        b.add("a").up("CREATE TABLE a (x);").down("DROP TABLE a;");
        b.add("b", {"a"})
            .up("CREATE TABLE b (x);\n" + std::string(statement) + "\nCREATE TABLE c (x);")
            .down("SELECT 1;")
            .file("migrations/b.sql", 8);
        const Error error = expect_error([&] { (void)upgrade(db, b.build()); });
        EXPECT_EQ(error.kind(), ErrorKind::statement_failed) << statement;
        EXPECT_EQ(error.line(), 9U);
        EXPECT_EQ(std::string(error.what()),
                  "migrations/b.sql:9: b upgrade failed: transaction control is not allowed in a transactional "
                  "revision: the migration runs it in its own transaction (remove the statement, or mark the revision "
                  "`-- transactional: false` to manage transactions yourself)");
        EXPECT_TRUE(testing::table_names(db).empty()) << statement;
    }
}

TEST(SqliteExecute, LetsANonTransactionalRevisionManageItsTransactions) {
    TempDir dir;
    Db db(dir.file("app.db"));
    CatalogBuilder b;
    b.add("a").up("BEGIN;\nCREATE TABLE a (x);\nCOMMIT;").down("DROP TABLE a;").no_transaction();
    b.add("b", {"a"}).up("SAVEPOINT s;\nCREATE TABLE b (x);\nROLLBACK TO s;\nRELEASE s;").down("SELECT 1;");
    EXPECT_EQ(upgrade(db, b.build()).revisions, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(testing::table_names(db), (std::vector<std::string>{"a", "schema_revisions"}));
}

constexpr const char* kLockTimeout =
    "could not take the migration lock on sqlite connection within 150 ms: another connection holds the write lock";

// A6: SQLITE_BUSY anywhere is the lock timeout, with the words of the BEGIN IMMEDIATE case.
TEST(SqliteLocks, AnotherConnectionsExclusiveLockIsALockTimeout) {
    TempDir dir;
    Db db(dir.file("app.db"));
    Db other(dir.file("app.db"));
    other.exec("CREATE TABLE seed (x); BEGIN EXCLUSIVE");
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(150);
    const Error error = expect_error([&] { (void)upgrade(db, graph_catalog("a:"), "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_STREQ(error.what(), kLockTimeout);
    EXPECT_EQ(error.database_code(), SQLITE_BUSY);
    other.exec("ROLLBACK");
    EXPECT_EQ(upgrade(db, graph_catalog("a:"), "head", options).revisions, std::vector<std::string>{"a"});
}

TEST(SqliteLocks, AReaderThatOutlastsTheTimeoutAtCommitIsALockTimeoutAndNothingStays) {
    TempDir dir;
    Db db(dir.file("app.db"));
    Db reader(dir.file("app.db"));
    db.exec("PRAGMA journal_mode = DELETE; CREATE TABLE seed (x)");
    reader.exec("BEGIN; SELECT count(*) FROM seed;");  // holds a SHARED lock: COMMIT cannot write
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(150);
    const Error error = expect_error([&] { (void)upgrade(db, graph_catalog("a:;b:a"), "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_STREQ(error.what(), kLockTimeout);
    reader.exec("COMMIT");
    EXPECT_EQ(testing::table_names(db), std::vector<std::string>{"seed"});
    EXPECT_EQ(upgrade(db, graph_catalog("a:;b:a"), "head", options).revisions, (std::vector<std::string>{"a", "b"}));
}

// 12.5: the wait is reported through on_event, once at its start (then at most every 5 s).
TEST(SqliteLocks, ReportsALockWaitEventWhileWaiting) {
    TempDir dir;
    Db db(dir.file("app.db"));
    Db other(dir.file("app.db"));
    other.exec("BEGIN IMMEDIATE");
    std::vector<std::string> waits;
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(300);
    options.on_event = [&](const Event& event) {
        if (event.kind == EventKind::lock_wait) waits.emplace_back(event.message);
    };
    const Error error = expect_error([&] { (void)upgrade(db, graph_catalog("a:"), "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_EQ(waits, std::vector<std::string>{"another connection holds the write lock"});
}

// B12: read-only verbs never create a database, and say how they read the path.
TEST(SqliteUrls, ReadOnlyVerbsNameAMissingDatabaseAndCreateNothing) {
    TempDir dir;
    const std::string path = dir.file("typo.db");
    const std::string url = "sqlite:///" + path;
    const std::string message = "cannot open " + url + ": no SQLite database at '" + path +
                                "'; this command reads a database and never creates one";
    const Catalog catalog = graph_catalog("a:");
    for (const auto& verb : std::vector<std::function<void()>>{
             [&] { (void)current(url, catalog); }, [&] { (void)history(url, catalog); },
             [&] { (void)check(url, catalog); }, [&] { (void)applied_revisions(url); }}) {
        const Error error = expect_error(verb);
        EXPECT_EQ(error.kind(), ErrorKind::database);
        EXPECT_EQ(error.what(), message);
        EXPECT_FALSE(std::filesystem::exists(path));
    }
    const std::string relative = "sqlite:///no-such-dir-" + std::to_string(::getpid()) + "/typo.db";
    const Error error = expect_error([&] { (void)current(relative, catalog); });
    EXPECT_EQ(std::string(error.what()),
              "cannot open " + relative + ": no SQLite database at 'no-such-dir-" + std::to_string(::getpid()) +
                  "/typo.db' (taken as relative to the working directory '" + std::filesystem::current_path().string() +
                  "'; an absolute path takes four slashes: sqlite:////path/to/app.db); this command reads a database "
                  "and never creates one");
    EXPECT_EQ(current("sqlite://:memory:", catalog), std::vector<std::string>{});  // nothing to create
    EXPECT_EQ(upgrade(url, catalog).revisions, std::vector<std::string>{"a"});     // writers still create
    EXPECT_EQ(current(url, catalog), std::vector<std::string>{"a"});
}

TEST(SqliteUrls, HonoursModeRoAndWritesNothing) {
    TempDir dir;
    const std::string url = "sqlite:///" + dir.file("app.db");
    (void)upgrade(url, graph_catalog("a:"));
    const Error error = expect_error([&] { (void)upgrade(url + "?mode=ro", graph_catalog("a:;b:a")); });
    EXPECT_EQ(error.kind(), ErrorKind::database);
    EXPECT_EQ(std::string(error.what()),
              "the database " + url + "?mode=ro is open read-only: upgrade, downgrade and stamp need to write it");
    EXPECT_EQ(current(url + "?mode=ro", graph_catalog("a:;b:a")), std::vector<std::string>{"a"});
    EXPECT_EQ(current(url + "?cache=shared&mode=rw", graph_catalog("a:;b:a")), std::vector<std::string>{"a"});
    Db db(dir.file("app.db"));
    EXPECT_EQ(testing::table_names(db), (std::vector<std::string>{"schema_revisions", "t_a"}));
}

TEST(SqliteUrls, RefusesAnUnknownParameterByName) {
    TempDir dir;
    const std::string url = "sqlite:///" + dir.file("app.db") + "?mdoe=ro";
    const Error error = expect_error([&] { (void)upgrade(url, graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_url);
    EXPECT_EQ(std::string(error.what()), "unknown SQLite URL parameter 'mdoe' in '" + url +
                                             "' (SQLite knows: cache, immutable, mode, nolock, psow, vfs)");
    EXPECT_FALSE(std::filesystem::exists(dir.file("app.db")));
}

TEST(SqliteUrls, ReadsAPathWithPercentAndHashThroughTheUriLiterally) {
    TempDir dir;
    const std::string path = dir.file("odd%20#name.db");
    (void)upgrade("sqlite:///" + path + "?cache=private", graph_catalog("a:"));
    EXPECT_TRUE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace migrations
