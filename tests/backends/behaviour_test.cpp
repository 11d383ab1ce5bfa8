// @brief The runtime's behaviour that is the same on every backend, written once and run on each:
// upgrade, downgrade, stamp, check and history, atomicity and the safety checks. What only one
// backend has (its fast-path trace, its lock, its URLs, ...) stays in tests/runtime/migrator_test.cpp
// and tests/postgresql/migrator_test.cpp.
//
// Built once per backend: MIGRATIONS_TEST_POSTGRESQL selects PostgresqlBackend (a database on the
// test cluster), otherwise SqliteBackend (a file in a temporary directory).
#include "backends.hpp"
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>
#if defined(MIGRATIONS_TEST_POSTGRESQL)
#include <migrations/postgresql.hpp>
#endif

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::expect_error;
using testing::graph_catalog;

using testing::BackendName;
using testing::Backends;

// Five revisions; the third fails on its last statement, at line 8 + 3 of its file.
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

/// Tables and version rows: what "unchanged" means.
struct Snapshot {
    std::vector<std::string> tables;
    std::vector<std::string> rows;
    bool operator==(const Snapshot& o) const { return tables == o.tables && rows == o.rows; }
};

template <typename Backend>
class BackendTest : public ::testing::Test {
protected:
    Snapshot snapshot() const {
        Snapshot s{db_.tables(), {}};
        if (std::find(s.tables.begin(), s.tables.end(), "schema_revisions") != s.tables.end()) {
            s.rows = db_.rows("SELECT revision || '|' || checksum || '|' || state || '|' || applied_at"
                              " FROM schema_revisions ORDER BY revision");
        }
        return s;
    }

    Backend db_;
};

template <typename Backend>
class Upgrade : public BackendTest<Backend> {};
template <typename Backend>
class Downgrade : public BackendTest<Backend> {};
template <typename Backend>
class Stamp : public BackendTest<Backend> {};
template <typename Backend>
class Check : public BackendTest<Backend> {};
template <typename Backend>
class History : public BackendTest<Backend> {};
TYPED_TEST_SUITE(Upgrade, Backends, BackendName);
TYPED_TEST_SUITE(Downgrade, Backends, BackendName);
TYPED_TEST_SUITE(Stamp, Backends, BackendName);
TYPED_TEST_SUITE(Check, Backends, BackendName);
TYPED_TEST_SUITE(History, Backends, BackendName);

TYPED_TEST(Upgrade, AppliesEveryRevisionAndRecordsItsRow) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    const UpgradeResult result = upgrade(db.connection(), catalog);
    EXPECT_EQ(result.revisions, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(result.from.empty());
    EXPECT_EQ(result.to, std::vector<std::string>{"c"});
    EXPECT_FALSE(result.fast_path);
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b", "t_c"}));
    const auto rows = applied_revisions(db.connection());
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].revision, "a");
    EXPECT_EQ(rows[0].checksum, catalog[0].checksum[TypeParam::kChecksum]);
    EXPECT_EQ(rows[0].state, "applied");
    EXPECT_TRUE(std::regex_match(rows[0].applied_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << rows[0].applied_at;
    EXPECT_GE(rows[0].duration_ms, 0.0);
    EXPECT_EQ(current(db.connection(), catalog), std::vector<std::string>{"c"});
}

TYPED_TEST(Upgrade, NothingToDoCreatesNoVersionTable) {
    const auto& db = this->db_;
    const UpgradeResult result = upgrade(db.connection(), graph_catalog("a:;b:a"), "base");
    EXPECT_TRUE(result.fast_path);
    EXPECT_TRUE(db.tables().empty());
}

TYPED_TEST(Upgrade, RollsBackEverythingWhenAStatementFails) {
    const auto& db = this->db_;
    const Catalog catalog = five_with_failing_third();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_EQ(error.what(), "migrations/c3_add_t3.sql:11: c3 upgrade failed: " + std::string(TypeParam::kMissingTable));
    EXPECT_EQ(error.revision(), "c3");
    EXPECT_EQ(error.file(), "migrations/c3_add_t3.sql");
    EXPECT_EQ(error.line(), 11U);
    EXPECT_EQ(TypeParam::database_code(error), TypeParam::missing_table_code());
    EXPECT_TRUE(db.tables().empty());  // not even the version table
}

TYPED_TEST(Upgrade, FailureLeavesTheDatabaseAtTheRevisionItHad) {
    const auto& db = this->db_;
    const Catalog catalog = five_with_failing_third();
    (void)upgrade(db.connection(), catalog, "a1");
    const Snapshot before = this->snapshot();
    (void)expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(this->snapshot(), before);
    EXPECT_EQ(current(db.connection(), catalog), std::vector<std::string>{"a1"});
}

TYPED_TEST(Upgrade, ReachesEachTargetForm) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a1:;b2:a1#feature;c3:b2;d4:c3;e5:d4");
    EXPECT_EQ(upgrade(db.connection(), catalog, "a1").to, std::vector<std::string>{"a1"});
    EXPECT_EQ(upgrade(db.connection(), catalog, "feature").to, std::vector<std::string>{"b2"});
    EXPECT_EQ(upgrade(db.connection(), catalog, "+1").to, std::vector<std::string>{"c3"});
    EXPECT_EQ(upgrade(db.connection(), catalog, "c3+1").to, std::vector<std::string>{"d4"});
    EXPECT_EQ(upgrade(db.connection(), catalog, "e").to, std::vector<std::string>{"e5"});  // unique prefix
    EXPECT_EQ(downgrade(db.connection(), catalog, "-2").to, std::vector<std::string>{"c3"});
    EXPECT_EQ(downgrade(db.connection(), catalog, "b").to, std::vector<std::string>{"b2"});
    EXPECT_EQ(upgrade(db.connection(), catalog, "heads").to, std::vector<std::string>{"e5"});
    EXPECT_EQ(downgrade(db.connection(), catalog, "base").to, std::vector<std::string>{});
    EXPECT_EQ(db.tables(), std::vector<std::string>{"schema_revisions"});
    EXPECT_EQ(upgrade(db.connection(), catalog, "head").revisions.size(), 5U);
}

TYPED_TEST(Upgrade, RefusesAnUnknownRevisionInTheDatabase) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db.connection(), catalog, "a");
    db.exec("INSERT INTO schema_revisions VALUES ('f00d', 'x', 'applied', '2026-01-01T00:00:00.000Z', 1)");
    const Snapshot before = this->snapshot();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::unknown_revision);
    EXPECT_EQ(error.what(), "the database " + db.location() +
                                " has revision(s) f00d that this binary does not know (catalog test_migrations): a "
                                "newer build migrated it; run that build, or one that includes them");
    EXPECT_EQ(this->snapshot(), before);
}

TYPED_TEST(Upgrade, RefusesARevisionEditedAfterItWasApplied) {
    const auto& db = this->db_;
    (void)upgrade(db.connection(), graph_catalog("a:;b:a"), "a");
    CatalogBuilder edited;
    edited.add("a").up("CREATE TABLE t_a (x INTEGER, y INTEGER);").add("b", {"a"}).up("CREATE TABLE t_b (x INTEGER);");
    const Snapshot before = this->snapshot();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), edited.build()); });
    EXPECT_EQ(error.kind(), ErrorKind::checksum_mismatch);
    EXPECT_STREQ(error.what(),
                 "revision a (migrations/a.sql) was edited after it was applied: its checksum differs from the "
                 "database's; restore the file and put the change in a new revision (or accept the edit with `db "
                 "stamp a`)");
    EXPECT_EQ(this->snapshot(), before);
    // The suggested command accepts the edit.
    (void)stamp(db.connection(), edited.build(), "a");
    EXPECT_EQ(upgrade(db.connection(), edited.build()).revisions, std::vector<std::string>{"b"});
}

TYPED_TEST(Upgrade, RefusesABadTargetWithoutTouchingTheDatabase) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db.connection(), catalog, "a");
    const Snapshot before = this->snapshot();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "nope"); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_target);
    EXPECT_STREQ(error.what(), "unknown target 'nope': no revision id, id prefix or branch label matches it");
    EXPECT_EQ(this->snapshot(), before);
}

TYPED_TEST(Upgrade, ReportsALeftoverPendingRowWithTheRecoveryCommand) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    b.add("n", {"a"}).up("CREATE TABLE half (x INTEGER);\nINSERT INTO missing VALUES (1);").down("").no_transaction();
    const Catalog broken = b.build();
    const Error failed = expect_error([&] { (void)upgrade(db.connection(), broken); });
    EXPECT_EQ(failed.what(), "migrations/n.sql:7: n upgrade failed: " + std::string(TypeParam::kMissingTable) +
                                 "\n  committed before the failure and kept: 1 revision(s), the database is now at a");
    EXPECT_EQ(db.rows("SELECT revision || '|' || state FROM schema_revisions ORDER BY revision"),
              (std::vector<std::string>{"a|applied", "n|pending"}));

    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(100);
    const Error pending = expect_error([&] { (void)upgrade(db.connection(), broken, "head", options); });
    EXPECT_EQ(pending.kind(), ErrorKind::pending_revision);
    EXPECT_STREQ(pending.what(),
                 "revision n (migrations/n.sql) was interrupted while running outside a transaction (its row is "
                 "'pending'): check the database, then run `db stamp n` if its changes are in place, or `db stamp "
                 "a` if they are not, and upgrade again");
    EXPECT_EQ(pending.revision(), "n");

    // The recovery: undo the half-done change, stamp the parent, upgrade with the fixed revision.
    db.exec("DROP TABLE half");
    (void)stamp(db.connection(), broken, "a");
    CatalogBuilder fixed;
    fixed.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    fixed.add("n", {"a"}).up("CREATE TABLE half (x INTEGER);").down("DROP TABLE half;").no_transaction();
    EXPECT_EQ(upgrade(db.connection(), fixed.build()).revisions, std::vector<std::string>{"n"});
}

TYPED_TEST(Upgrade, RefusesAConnectionInsideATransaction) {
    const auto& db = this->db_;
    db.exec("BEGIN");
    const Error error = expect_error([&] { (void)upgrade(db.connection(), graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::database);
    EXPECT_EQ(error.what(), db.inside_transaction_message());
    db.exec("ROLLBACK");
}

TYPED_TEST(Upgrade, WaitsForAPendingRowOnlyWhereItsWriterMayStillRun) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    (void)upgrade(db.connection(), catalog, "a");
    // As another process running b outside a transaction would leave it meanwhile.
    db.exec("CREATE TABLE t_b (x INTEGER); INSERT INTO schema_revisions VALUES ('b', '" +
            std::string(catalog[1].checksum[TypeParam::kChecksum]) + "', 'pending', '2026-01-01T00:00:00.000Z', 0)");
    Options options;
    options.migration_lock_timeout = std::chrono::seconds(5);
    if (TypeParam::kChecksum == 1) {
        // PostgreSQL runs a non-transactional revision holding the advisory lock: a pending row
        // seen under the lock was left by a process that is gone. Reported at once, no wait.
        const auto started = std::chrono::steady_clock::now();
        const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "head", options); });
        EXPECT_EQ(error.kind(), ErrorKind::pending_revision);
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
        return;
    }
    // SQLite's lock is released while the revision runs: wait for its writer to finish.
    std::thread other([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        db.exec_elsewhere("UPDATE schema_revisions SET state = 'applied' WHERE revision = 'b'");
    });
    const UpgradeResult result = upgrade(db.connection(), catalog, "head", options);
    other.join();
    EXPECT_EQ(result.revisions, std::vector<std::string>{"c"});
    EXPECT_GE(result.elapsed, std::chrono::milliseconds(250));
}

TYPED_TEST(Upgrade, UsesTheConfiguredVersionTableAndRejectsABadName) {
    const auto& db = this->db_;
    Options options;
    options.version_table = "app_versions";
    (void)upgrade(db.connection(), graph_catalog("a:"), "head", options);
    EXPECT_EQ(db.rows("SELECT revision FROM app_versions"), std::vector<std::string>{"a"});
    options.version_table = "x; DROP TABLE t_a";
    const Error error = expect_error([&] { (void)upgrade(db.connection(), graph_catalog("a:"), "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_option);
    EXPECT_STREQ(error.what(), "invalid version table name 'x; DROP TABLE t_a': expected an identifier "
                               "[A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
}

TYPED_TEST(Downgrade, MinusOneFromAMergeLeavesBothParentsCurrent) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a;c:a;m:b,c");
    (void)upgrade(db.connection(), catalog);
    const DowngradeResult result = downgrade(db.connection(), catalog, "-1");
    EXPECT_EQ(result.revisions, std::vector<std::string>{"m"});
    EXPECT_EQ(result.from, std::vector<std::string>{"m"});
    EXPECT_EQ(current(db.connection(), catalog), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b", "t_c"}));
}

TYPED_TEST(Downgrade, RefusesAnIrreversibleRevisionBeforeAnyChange) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    b.add("b", {"a"}).up("CREATE TABLE u (x INTEGER);").irreversible();
    b.add("c", {"b"}).up("CREATE TABLE v (x INTEGER);").down("DROP TABLE v;");
    const Catalog catalog = b.build();
    (void)upgrade(db.connection(), catalog);
    const Snapshot before = this->snapshot();
    const Error error = expect_error([&] { (void)downgrade(db.connection(), catalog, "base"); });
    EXPECT_EQ(error.kind(), ErrorKind::irreversible);
    EXPECT_STREQ(error.what(), "cannot downgrade to 'base': revision b (migrations/b.sql) is irreversible");
    EXPECT_EQ(this->snapshot(), before);
}

TYPED_TEST(Stamp, MarksRevisionsWithoutRunningThem) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a;c:a");
    EXPECT_EQ(stamp(db.connection(), catalog, "b").to, std::vector<std::string>{"b"});
    EXPECT_EQ(stamp(db.connection(), catalog, "c").to, (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(db.tables(), std::vector<std::string>{"schema_revisions"});
    EXPECT_EQ(stamp(db.connection(), catalog, "base").to, std::vector<std::string>{});
    EXPECT_TRUE(applied_revisions(db.connection()).empty());
}

TYPED_TEST(Check, ReportsEveryProblem) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a");
    EXPECT_EQ(check(db.connection(), catalog).problems, std::vector<std::string>{"2 revision(s) not applied: a, b"});
    (void)upgrade(db.connection(), catalog);
    EXPECT_TRUE(check(db.connection(), catalog).ok);
    db.exec("UPDATE schema_revisions SET checksum = 'x' WHERE revision = 'a'");
    EXPECT_EQ(check(db.connection(), catalog).problems, std::vector<std::string>{"edited after applied: a"});
}

TYPED_TEST(History, ListsNewestFirstWithHeadsAndRows) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db.connection(), catalog, "a");
    const auto entries = history(db.connection(), catalog);
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].revision, "b");
    EXPECT_TRUE(entries[0].is_head);
    EXPECT_FALSE(entries[0].applied);
    EXPECT_TRUE(entries[1].is_current);
    EXPECT_EQ(entries[1].row.state, "applied");
}

}  // namespace
}  // namespace migrations

// gtest lists a typed suite as "Upgrade/Sqlite.  # TypeParam = ...", which CMake 3.25's
// gtest_discover_tests turns into a name made of the whole line; listed without the comment, the
// tests keep gtest's own names (Upgrade/Sqlite.ReachesEachTargetForm) in ctest too.
int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (GTEST_FLAG_GET(list_tests)) {
        const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
        for (int s = 0; s < unit.total_test_suite_count(); ++s) {
            const ::testing::TestSuite& suite = *unit.GetTestSuite(s);
            std::printf("%s.\n", suite.name());
            for (int t = 0; t < suite.total_test_count(); ++t) std::printf("  %s\n", suite.GetTestInfo(t)->name());
        }
        return 0;
    }
    return RUN_ALL_TESTS();
}
