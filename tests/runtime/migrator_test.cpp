// @brief What only the SQLite backend does, on real SQLite files: the traced fast path, the write
// lock, VACUUM outside a transaction, schema drift, URLs. The behaviour every backend shares is in
// tests/backends/behaviour_test.cpp.
#include "support/expect_error.hpp"
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>
#include <migrations/session.hpp>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::Db;
using testing::expect_error;
using testing::graph_catalog;
using testing::TempDir;

int count_statements(unsigned, void* counter, void*, void*) {
    ++*static_cast<int*>(counter);
    return 0;
}

TEST(SqliteUpgrade, ReadsTheStateAgainWhenAnotherConnectionMigratedBetweenItsCommits) {
    // SQLite's COMMIT releases the lock: another process may run the next revisions before
    // this one takes the lock again. They must not run twice.
    TempDir dir;
    const std::string path = dir.file("app.db");
    Db db(path);
    const Catalog catalog = testing::logging_catalog(5);
    Options options;
    options.transaction = TransactionMode::per_revision;
    bool interfered = false;
    options.on_event = [&](const Event& event) {
        if (event.kind != EventKind::committed || interfered) return;
        interfered = true;
        Db other(path);
        EXPECT_EQ(upgrade(other, catalog, "r0003").revisions, (std::vector<std::string>{"r0001", "r0002", "r0003"}));
    };
    const UpgradeResult result = upgrade(db, catalog, "head", options);
    EXPECT_TRUE(interfered);
    EXPECT_EQ(result.revisions, (std::vector<std::string>{"r0000", "r0004"}));
    EXPECT_EQ(db.value("SELECT count(*) FROM log"), "5");
    EXPECT_EQ(db.value("SELECT count(DISTINCT revision) FROM log"), "5");
    EXPECT_EQ(result.to, std::vector<std::string>{"r0004"});
}

TEST(SqliteUpgrade, AtHeadRunsOneQueryAndWritesNothingWhateverTheOptions) {
    TempDir dir;
    Db db(dir.file("app.db"));
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    (void)upgrade(db, catalog);
    for (const Options& options : testing::option_combinations()) {
        int statements = 0;
        sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_statements, &statements);
        const int changes = sqlite3_total_changes(db);
        const UpgradeResult result = upgrade(db, catalog, "head", options);
        sqlite3_trace_v2(db, 0, nullptr, nullptr);
        EXPECT_TRUE(result.fast_path);
        EXPECT_TRUE(result.revisions.empty());
        EXPECT_EQ(result.to, std::vector<std::string>{"c"});
        EXPECT_EQ(statements, 1);
        EXPECT_EQ(sqlite3_total_changes(db), changes);
    }
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
    options.on_event = [&](const Event& event) {
        if (event.kind != EventKind::revision_finished) return;
        states.push_back(std::string(event.revision) + ":" + std::to_string(event.index) + "/" +
                         std::to_string(event.count));
    };
    EXPECT_EQ(upgrade(db, catalog, "head", options).revisions, (std::vector<std::string>{"a", "v", "c"}));
    EXPECT_EQ(states, (std::vector<std::string>{"a:1/3", "v:2/3", "c:3/3"}));
    EXPECT_EQ(db.rows("SELECT revision, state FROM schema_revisions ORDER BY revision"),
              (std::vector<std::string>{"a|applied", "c|applied", "v|applied"}));
    EXPECT_EQ(downgrade(db, catalog, "base").revisions, (std::vector<std::string>{"c", "v", "a"}));
}

TEST(SqliteUpgrade, GivesUpWithLockTimeoutWhenAnotherConnectionHoldsTheWriteLock) {
    TempDir dir;
    Db db(dir.file("app.db"));
    Db other(dir.file("app.db"));
    other.exec("BEGIN IMMEDIATE");
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(150);
    const auto started = std::chrono::steady_clock::now();
    const Error error = expect_error([&] { (void)upgrade(db, graph_catalog("a:"), "head", options); });
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(140));
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    EXPECT_STREQ(error.what(),
                 "could not take the migration lock on sqlite connection within 150 ms: another "
                 "connection holds the write lock");
    other.exec("ROLLBACK");
    EXPECT_EQ(upgrade(db, graph_catalog("a:"), "head", options).revisions, std::vector<std::string>{"a"});
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

void create_audit(Session& session) { session.execute("CREATE TABLE audit (at TEXT);"); }
void drop_audit(Session& session) { session.execute("DROP TABLE audit;"); }

TEST(SqliteCheck, ReplaysTheStepsOfCppRevisionsForTheDriftComparison) {
    TempDir dir;
    Db db(dir.file("app.db"));
    static const CppStep steps[] = {{&create_audit, 8}, {&drop_audit, 9}};
    CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t (id INTEGER PRIMARY KEY);").down("DROP TABLE t;");
    builder.add("b", {"a"}).cpp();
    const Catalog catalog = builder.build().with_cpp_steps(steps, 2);
    (void)upgrade(db, catalog);
    // The table the C++ step made is the revisions' own, not drift.
    const CheckResult checked = check(db, catalog);
    EXPECT_TRUE(checked.ok) << (checked.problems.empty() ? "" : checked.problems.front());
    db.exec("DROP TABLE audit;");
    EXPECT_EQ(check(db, catalog).problems,
              std::vector<std::string>{"schema drift: table 'audit' is missing from the database"});
}

TEST(UrlUpgrade, UpgradesByUrlAndRejectsUnknownSchemesRedacted) {
    TempDir dir;
    const std::string url = "sqlite:///" + dir.file("by_url.db");  // sqlite:////tmp/... = absolute
    EXPECT_EQ(upgrade(url, graph_catalog("a:;b:a")).to, std::vector<std::string>{"b"});
    EXPECT_EQ(current(url, graph_catalog("a:;b:a")), std::vector<std::string>{"b"});
    EXPECT_EQ(upgrade("sqlite://:memory:", graph_catalog("a:;b:a")).revisions.size(), 2U);
    const Error error =
        expect_error([&] { (void)upgrade("postgresql://app:s3cret@db:5432/app", graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_url);
    EXPECT_STREQ(error.what(),
                 "URL 'postgresql://app:***@db:5432/app' needs the PostgreSQL backend, which this "
                 "binary was built without; link it: find_package(Migrations COMPONENTS postgresql) "
                 "or add_migrations(<target> ... DIALECTS sqlite postgresql)");
    const Error other = expect_error([&] { (void)upgrade("mysql://app@db/app", graph_catalog("a:")); });
    EXPECT_STREQ(other.what(),
                 "no backend for scheme 'mysql' in this build (URL 'mysql://app@db/app'); this binary "
                 "serves: sqlite");
}

}  // namespace
}  // namespace migrations
