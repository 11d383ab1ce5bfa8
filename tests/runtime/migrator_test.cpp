// @brief Upgrade, downgrade and stamp on real SQLite files: atomicity, safety checks, the fast path.
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>
#include <thread>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::Db;
using testing::graph_catalog;
using testing::table_names;
using testing::TempDir;

// Five revisions; the third fails on its second statement, at line 8 + 3 of its file.
Catalog five_with_failing_third() {
    CatalogBuilder b;
    b.add("a1").up("CREATE TABLE t1 (x INTEGER);").down("DROP TABLE t1;");
    b.add("b2", {"a1"}).up("CREATE TABLE t2 (x INTEGER);").down("DROP TABLE t2;");
    b.add("c3", {"b2"})
        .up("CREATE TABLE t3 (x INTEGER);\n\n-- then a mistake\nINSERT INTO missing VALUES (1);")
        .down("DROP TABLE t3;")
        .file("migrations/c3_add_t3.sql", 8);
    b.add("d4", {"c3"}).up("CREATE TABLE t4 (x INTEGER);").down("DROP TABLE t4;");
    b.add("e5", {"d4"}).up("CREATE TABLE t5 (x INTEGER);").down("DROP TABLE t5;");
    return b.build();
}

template <typename F>
Error expect_error(F&& f) {
    try {
        f();
    } catch (const Error& error) {
        return error;
    }
    ADD_FAILURE() << "no migrations::Error thrown";
    return Error(ErrorKind::database, "none");
}

struct Snapshot {
    std::vector<std::string> tables;
    std::vector<std::string> rows;
    bool operator==(const Snapshot& o) const { return tables == o.tables && rows == o.rows; }
};

Snapshot snapshot(const Db& db) {
    Snapshot s{table_names(db), {}};
    if (std::find(s.tables.begin(), s.tables.end(), "schema_revisions") != s.tables.end()) {
        s.rows = db.rows("SELECT revision, checksum, state, applied_at FROM schema_revisions ORDER BY revision");
    }
    return s;
}

TEST(SqliteUpgrade, AppliesEveryRevisionAndRecordsItsRow) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    const UpgradeResult result = upgrade(db, catalog);
    EXPECT_EQ(result.revisions, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(result.from.empty());
    EXPECT_EQ(result.to, std::vector<std::string>{"c"});
    EXPECT_FALSE(result.fast_path);
    EXPECT_EQ(table_names(db), (std::vector<std::string>{"schema_revisions", "t_a", "t_b", "t_c"}));
    const auto rows = applied_revisions(db.get());
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].revision, "a");
    EXPECT_EQ(rows[0].checksum, catalog[0].checksum[0]);
    EXPECT_EQ(rows[0].state, "applied");
    EXPECT_TRUE(std::regex_match(rows[0].applied_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << rows[0].applied_at;
    EXPECT_GE(rows[0].duration_ms, 0.0);
    EXPECT_EQ(current(db, catalog), std::vector<std::string>{"c"});
}

int count_statements(unsigned, void* counter, void*, void*) {
    ++*static_cast<int*>(counter);
    return 0;
}

TEST(SqliteUpgrade, AtHeadRunsOneQueryAndWritesNothing) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    (void)upgrade(db, catalog);
    int statements = 0;
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_statements, &statements);
    const int changes = sqlite3_total_changes(db);
    const UpgradeResult result = upgrade(db, catalog);
    sqlite3_trace_v2(db, 0, nullptr, nullptr);
    EXPECT_TRUE(result.fast_path);
    EXPECT_TRUE(result.revisions.empty());
    EXPECT_EQ(result.to, std::vector<std::string>{"c"});
    EXPECT_EQ(statements, 1);
    EXPECT_EQ(sqlite3_total_changes(db), changes);
}

TEST(SqliteUpgrade, NothingToDoCreatesNoVersionTable) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const UpgradeResult result = upgrade(db, graph_catalog("a:;b:a"), "base");
    EXPECT_TRUE(result.fast_path);
    EXPECT_TRUE(table_names(db).empty());
}

TEST(SqliteUpgrade, RollsBackEverythingWhenAStatementFails) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = five_with_failing_third();
    const Error error = expect_error([&] { (void)upgrade(db, catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_STREQ(error.what(), "migrations/c3_add_t3.sql:11: c3 upgrade failed: no such table: missing");
    EXPECT_EQ(error.revision(), "c3");
    EXPECT_EQ(error.file(), "migrations/c3_add_t3.sql");
    EXPECT_EQ(error.line(), 11U);
    EXPECT_EQ(error.database_code(), SQLITE_ERROR);
    EXPECT_TRUE(table_names(db).empty());  // not even the version table
}

TEST(SqliteUpgrade, FailureLeavesTheDatabaseAtTheRevisionItHad) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = five_with_failing_third();
    (void)upgrade(db, catalog, "a1");
    const Snapshot before = snapshot(db);
    (void)expect_error([&] { (void)upgrade(db, catalog); });
    EXPECT_EQ(snapshot(db), before);
    EXPECT_EQ(current(db, catalog), std::vector<std::string>{"a1"});
}

TEST(SqliteUpgrade, ReachesEachTargetForm) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a1:;b2:a1#feature;c3:b2;d4:c3;e5:d4");
    EXPECT_EQ(upgrade(db, catalog, "a1").to, std::vector<std::string>{"a1"});
    EXPECT_EQ(upgrade(db, catalog, "feature").to, std::vector<std::string>{"b2"});
    EXPECT_EQ(upgrade(db, catalog, "+1").to, std::vector<std::string>{"c3"});
    EXPECT_EQ(upgrade(db, catalog, "c3+1").to, std::vector<std::string>{"d4"});
    EXPECT_EQ(upgrade(db, catalog, "e").to, std::vector<std::string>{"e5"});  // unique prefix
    EXPECT_EQ(downgrade(db, catalog, "-2").to, std::vector<std::string>{"c3"});
    EXPECT_EQ(downgrade(db, catalog, "b").to, std::vector<std::string>{"b2"});
    EXPECT_EQ(upgrade(db, catalog, "heads").to, std::vector<std::string>{"e5"});
    EXPECT_EQ(downgrade(db, catalog, "base").to, std::vector<std::string>{});
    EXPECT_EQ(table_names(db), std::vector<std::string>{"schema_revisions"});
    EXPECT_EQ(upgrade(db, catalog, "head").revisions.size(), 5U);
}

TEST(SqliteUpgrade, DowngradeMinusOneFromAMergeLeavesBothParentsCurrent) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a;c:a;m:b,c");
    (void)upgrade(db, catalog);
    const DowngradeResult result = downgrade(db, catalog, "-1");
    EXPECT_EQ(result.revisions, std::vector<std::string>{"m"});
    EXPECT_EQ(result.from, std::vector<std::string>{"m"});
    EXPECT_EQ(current(db, catalog), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(table_names(db), (std::vector<std::string>{"schema_revisions", "t_a", "t_b", "t_c"}));
}

TEST(SqliteUpgrade, RefusesAnUnknownRevisionInTheDatabase) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db, catalog, "a");
    db.exec("INSERT INTO schema_revisions VALUES ('f00d', 'x', 'applied', '2026-01-01T00:00:00.000Z', 1)");
    const Snapshot before = snapshot(db);
    const Error error = expect_error([&] { (void)upgrade(db, catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::unknown_revision);
    EXPECT_STREQ(error.what(),
                 "the database sqlite connection has revision(s) f00d that this binary does not know (catalog "
                 "test_migrations): a newer build migrated it; run that build, or one that includes them");
    EXPECT_EQ(snapshot(db), before);
}

TEST(SqliteUpgrade, RefusesARevisionEditedAfterItWasApplied) {
    TempDir dir;
    Db db(dir.file("app.db"));
    (void)upgrade(db, graph_catalog("a:;b:a"), "a");
    CatalogBuilder edited;
    edited.add("a").up("CREATE TABLE t_a (x INTEGER, y INTEGER);").add("b", {"a"}).up("CREATE TABLE t_b (x);");
    const Snapshot before = snapshot(db);
    const Error error = expect_error([&] { (void)upgrade(db, edited.build()); });
    EXPECT_EQ(error.kind(), ErrorKind::checksum_mismatch);
    EXPECT_STREQ(error.what(),
                 "revision a (migrations/a.sql) was edited after it was applied: its checksum differs from the "
                 "database's; restore the file and put the change in a new revision (or accept the edit with `db "
                 "stamp a`)");
    EXPECT_EQ(snapshot(db), before);
    // The suggested command accepts the edit.
    (void)stamp(db, edited.build(), "a");
    EXPECT_EQ(upgrade(db, edited.build()).revisions, std::vector<std::string>{"b"});
}

TEST(SqliteUpgrade, RefusesABadTargetWithoutTouchingTheDatabase) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db, catalog, "a");
    const Snapshot before = snapshot(db);
    const Error error = expect_error([&] { (void)upgrade(db, catalog, "nope"); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_target);
    EXPECT_STREQ(error.what(), "unknown target 'nope': no revision id, id prefix or branch label matches it");
    EXPECT_EQ(snapshot(db), before);
}

TEST(SqliteUpgrade, RunsANonTransactionalRevisionAloneAndRecordsItApplied) {
    TempDir dir;
    Db db(dir.file("app.db"));
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    b.add("v", {"a"}).up("VACUUM;").down("VACUUM;").no_transaction();  // VACUUM fails inside a transaction
    b.add("c", {"v"}).up("CREATE TABLE u (x INTEGER);").down("DROP TABLE u;");
    const Catalog catalog = b.build();
    std::vector<std::string> states;
    Options options;
    options.progress = [&](const ProgressEvent& event) {
        states.push_back(std::string(event.revision) + ":" + std::to_string(event.index) + "/" +
                         std::to_string(event.count));
    };
    EXPECT_EQ(upgrade(db, catalog, "head", options).revisions, (std::vector<std::string>{"a", "v", "c"}));
    EXPECT_EQ(states, (std::vector<std::string>{"a:1/3", "v:2/3", "c:3/3"}));
    EXPECT_EQ(db.rows("SELECT revision, state FROM schema_revisions ORDER BY revision"),
              (std::vector<std::string>{"a|applied", "c|applied", "v|applied"}));
    EXPECT_EQ(downgrade(db, catalog, "base").revisions, (std::vector<std::string>{"c", "v", "a"}));
}

TEST(SqliteUpgrade, ReportsALeftoverPendingRowWithTheRecoveryCommand) {
    TempDir dir;
    Db db(dir.file("app.db"));
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    b.add("n", {"a"}).up("CREATE TABLE half (x INTEGER);\nINSERT INTO missing VALUES (1);").down("").no_transaction();
    const Catalog broken = b.build();
    const Error failed = expect_error([&] { (void)upgrade(db, broken); });
    EXPECT_STREQ(failed.what(), "migrations/n.sql:7: n upgrade failed: no such table: missing");
    EXPECT_EQ(db.rows("SELECT revision, state FROM schema_revisions ORDER BY revision"),
              (std::vector<std::string>{"a|applied", "n|pending"}));

    Options options;
    options.lock_timeout = std::chrono::milliseconds(100);
    const Error pending = expect_error([&] { (void)upgrade(db, broken, "head", options); });
    EXPECT_EQ(pending.kind(), ErrorKind::pending_revision);
    EXPECT_STREQ(pending.what(),
                 "revision n (migrations/n.sql) was interrupted while running outside a transaction (its row is "
                 "'pending'): check the database, then run `db stamp n` if its changes are in place, or `db stamp "
                 "a` if they are not, and upgrade again");
    EXPECT_EQ(pending.revision(), "n");

    // The recovery: undo the half-done change, stamp the parent, upgrade with the fixed revision.
    db.exec("DROP TABLE half");
    (void)stamp(db, broken, "a");
    CatalogBuilder fixed;
    fixed.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    fixed.add("n", {"a"}).up("CREATE TABLE half (x INTEGER);").down("DROP TABLE half;").no_transaction();
    EXPECT_EQ(upgrade(db, fixed.build()).revisions, std::vector<std::string>{"n"});
}

TEST(SqliteUpgrade, GivesUpWithLockTimeoutWhenAnotherConnectionHoldsTheWriteLock) {
    TempDir dir;
    Db db(dir.file("app.db"));
    Db other(dir.file("app.db"));
    other.exec("BEGIN IMMEDIATE");
    Options options;
    options.lock_timeout = std::chrono::milliseconds(150);
    const auto started = std::chrono::steady_clock::now();
    const Error error = expect_error([&] { (void)upgrade(db, graph_catalog("a:"), "head", options); });
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(140));
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_STREQ(error.what(), "could not take the migration lock on sqlite connection within 150 ms: another "
                               "connection holds the write lock");
    other.exec("ROLLBACK");
    EXPECT_EQ(upgrade(db, graph_catalog("a:"), "head", options).revisions, std::vector<std::string>{"a"});
}

TEST(SqliteDowngrade, RefusesAnIrreversibleRevisionBeforeAnyChange) {
    TempDir dir;
    Db db(dir.file("app.db"));
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x);").down("DROP TABLE t;");
    b.add("b", {"a"}).up("CREATE TABLE u (x);").irreversible();
    b.add("c", {"b"}).up("CREATE TABLE v (x);").down("DROP TABLE v;");
    const Catalog catalog = b.build();
    (void)upgrade(db, catalog);
    const Snapshot before = snapshot(db);
    const Error error = expect_error([&] { (void)downgrade(db, catalog, "base"); });
    EXPECT_EQ(error.kind(), ErrorKind::irreversible);
    EXPECT_STREQ(error.what(), "cannot downgrade to 'base': revision b (migrations/b.sql) is irreversible");
    EXPECT_EQ(snapshot(db), before);
}

TEST(SqliteUpgrade, WaitsForAPendingRowThatAnotherProcessCompletes) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    (void)upgrade(db, catalog, "a");
    // As another process running b outside a transaction would leave it meanwhile.
    db.exec("CREATE TABLE t_b (x INTEGER); INSERT INTO schema_revisions VALUES ('b', '" +
            std::string(catalog[1].checksum[0]) + "', 'pending', '2026-01-01T00:00:00.000Z', 0)");
    std::thread other([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        Db second(dir.file("app.db"));
        second.exec("UPDATE schema_revisions SET state = 'applied' WHERE revision = 'b'");
    });
    Options options;
    options.lock_timeout = std::chrono::seconds(5);
    const UpgradeResult result = upgrade(db, catalog, "head", options);
    other.join();
    EXPECT_EQ(result.revisions, std::vector<std::string>{"c"});
    EXPECT_GE(result.elapsed, std::chrono::milliseconds(250));
}

TEST(SqliteStamp, MarksRevisionsWithoutRunningThem) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a;c:a");
    EXPECT_EQ(stamp(db, catalog, "b").to, std::vector<std::string>{"b"});
    EXPECT_EQ(stamp(db, catalog, "c").to, (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(table_names(db), std::vector<std::string>{"schema_revisions"});
    EXPECT_EQ(stamp(db, catalog, "base").to, std::vector<std::string>{});
    EXPECT_TRUE(applied_revisions(db.get()).empty());
}

TEST(SqliteOptions, UsesTheConfiguredVersionTableAndRejectsABadName) {
    TempDir dir;
    Db db(dir.file("app.db"));
    Options options;
    options.version_table = "app_versions";
    (void)upgrade(db, graph_catalog("a:"), "head", options);
    EXPECT_EQ(db.value("SELECT revision FROM app_versions"), "a");
    options.version_table = "x; DROP TABLE t_a";
    const Error error = expect_error([&] { (void)upgrade(db, graph_catalog("a:"), "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_option);
    EXPECT_STREQ(error.what(), "invalid version table name 'x; DROP TABLE t_a': expected an identifier "
                               "[A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
}

TEST(SqliteOptions, RefusesAConnectionInsideATransaction) {
    TempDir dir;
    Db db(dir.file("app.db"));
    db.exec("BEGIN");
    const Error error = expect_error([&] { (void)upgrade(db, graph_catalog("a:")); });
    EXPECT_STREQ(error.what(), "the SQLite connection is inside a transaction: migrations run their own");
    db.exec("ROLLBACK");
}

TEST(SqliteCheck, ReportsEveryProblem) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a");
    EXPECT_EQ(check(db, catalog).problems, std::vector<std::string>{"2 revision(s) not applied: a, b"});
    (void)upgrade(db, catalog);
    EXPECT_TRUE(check(db, catalog).ok);
    db.exec("UPDATE schema_revisions SET checksum = 'x' WHERE revision = 'a'");
    EXPECT_EQ(check(db, catalog).problems, std::vector<std::string>{"edited after applied: a"});
}

// The live schema is compared with the applied revisions replayed in memory; the version
// table, whatever its name, is not part of the comparison.
TEST(SqliteCheck, ReportsSchemaDriftAndIgnoresTheVersionTable) {
    TempDir dir;
    Db db(dir.file("app.db"));
    testing::CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);").down("DROP TABLE t;");
    const Catalog catalog = builder.build();
    Options options;
    options.version_table = "my_versions";
    (void)upgrade(db, catalog, "head", options);
    EXPECT_TRUE(check(db, catalog, options).ok) << check(db, catalog, options).problems.front();
    db.exec("ALTER TABLE t ADD COLUMN extra INTEGER; CREATE TABLE scratch (x);");
    EXPECT_EQ(check(db, catalog, options).problems,
              (std::vector<std::string>{"schema drift: table 'scratch' is in the database but no revision creates it",
                                        "schema drift: table 't': column 'extra' is in the database but no revision "
                                        "creates it"}));
    options.check_schema = false;
    EXPECT_TRUE(check(db, catalog, options).ok);
}

TEST(SqliteHistory, ListsNewestFirstWithHeadsAndRows) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db, catalog, "a");
    const auto entries = history(db, catalog);
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].revision, "b");
    EXPECT_TRUE(entries[0].is_head);
    EXPECT_FALSE(entries[0].applied);
    EXPECT_TRUE(entries[1].is_current);
    EXPECT_EQ(entries[1].row.state, "applied");
}

TEST(UrlUpgrade, UpgradesByUrlAndRejectsUnknownSchemesRedacted) {
    TempDir dir;
    const std::string url = "sqlite:///" + dir.file("by_url.db");  // sqlite:////tmp/... = absolute
    EXPECT_EQ(upgrade(url, graph_catalog("a:;b:a")).to, std::vector<std::string>{"b"});
    EXPECT_EQ(current(url, graph_catalog("a:;b:a")), std::vector<std::string>{"b"});
    EXPECT_EQ(upgrade("sqlite://:memory:", graph_catalog("a:;b:a")).revisions.size(), 2U);
    const Error error = expect_error([&] { (void)upgrade("postgresql://app:s3cret@db:5432/app", graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_url);
    EXPECT_STREQ(error.what(), "no backend for scheme 'postgresql' in this build (URL "
                               "'postgresql://app:***@db:5432/app'); this binary serves: sqlite");
}

}  // namespace
}  // namespace migrations
