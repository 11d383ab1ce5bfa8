// @brief The runtime's behaviour that is the same on every backend, written once and run on each:
// upgrade, downgrade, stamp, check and history, atomicity and the safety checks. What only one
// backend has (its fast-path trace, its lock, its URLs, ...) stays in tests/runtime/migrator_test.cpp
// and tests/postgresql/migrator_test.cpp.
//
// Built once per backend: MIGRATIONS_TEST_POSTGRESQL selects PostgresqlFixture (a database on the
// test cluster), otherwise SqliteFixture (a file in a temporary directory). The fixtures are named
// *Fixture so that they are never mistaken for the runtime's detail::SqliteBackend/PostgresqlBackend.
#include "backends.hpp"
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>
#if defined(MIGRATIONS_TEST_POSTGRESQL)
#include <migrations/postgresql.hpp>
#else
#include <sqlite3.h>
#endif

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <sstream>
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
            s.rows = db_.rows(
                "SELECT revision || '|' || checksum || '|' || state || '|' || applied_at"
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
                                "newer build migrated it; run that build (or a newer one), or, to return to this "
                                "build, run `db downgrade a` with the build that knows them");
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
                 "database's; restore the file and put the change in a new revision, or, if the database already "
                 "has what the edited file does, accept the edit with `db repair` (it rewrites checksums only)");
    EXPECT_EQ(this->snapshot(), before);
    // The suggested command accepts the edit.
    EXPECT_EQ(repair(db.connection(), edited.build()).repaired.size(), 1U);
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
    EXPECT_EQ(testing::version_rows(db), (std::vector<std::string>{"a|applied", "n|pending"}));

    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(100);
    const Error pending = expect_error([&] { (void)upgrade(db.connection(), broken, "head", options); });
    EXPECT_EQ(pending.kind(), ErrorKind::pending_revision);
    EXPECT_STREQ(pending.what(),
                 "revision n (migrations/n.sql) was interrupted while running outside a transaction (its row is "
                 "'pending'): all, part or none of its upgrade took effect. Compare the database with the upgrade "
                 "section of migrations/n.sql: if all of it is there, run `db stamp n`; if none of it is (undo a "
                 "partial change by hand first), run `db stamp a`; then upgrade again");
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
    CatalogBuilder b;  // b runs outside a transaction: the only kind ever written 'pending'
    b.add("a").up("CREATE TABLE t_a (x INTEGER);").down("DROP TABLE t_a;");
    b.add("b", {"a"}).up("CREATE TABLE t_b (x INTEGER);").down("DROP TABLE t_b;").no_transaction();
    b.add("c", {"b"}).up("CREATE TABLE t_c (x INTEGER);").down("DROP TABLE t_c;");
    const Catalog catalog = b.build();
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
    EXPECT_STREQ(error.what(),
                 "invalid version table name 'x; DROP TABLE t_a': expected an identifier "
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
    EXPECT_EQ(
        check(db.connection(), catalog).problems,
        std::vector<std::string>{"edited after applied: a (restore the file, or accept the edit with `db repair`)"});
}

// Options::drift_exclude: objects no revision manages, named by pattern, are not drift; one
// not matching still is; the version table never is.
TYPED_TEST(Check, LeavesOutOfTheDriftCheckTheObjectsMatchingDriftExclude) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    const Catalog catalog = b.build();
    (void)upgrade(db.connection(), catalog);
    db.exec(
        "CREATE TABLE audit_log (x INTEGER); CREATE INDEX audit_log_x ON audit_log (x); "
        "CREATE INDEX audit_t_x ON t (x); CREATE VIEW audit_view AS SELECT 1 AS one; CREATE TABLE stray (x INTEGER)");
    EXPECT_EQ(
        check(db.connection(), catalog).problems,
        (std::vector<std::string>{"schema drift: table 'audit_log' is in the database but no revision creates it",
                                  "schema drift: table 'stray' is in the database but no revision creates it",
                                  "schema drift: index 'audit_log_x' is in the database but no revision creates it",
                                  "schema drift: index 'audit_t_x' is in the database but no revision creates it",
                                  "schema drift: view 'audit_view' is in the database but no revision creates it"}));
    Options options;
    options.drift_exclude = {"AUDIT_*"};
    EXPECT_EQ(check(db.connection(), catalog, options).problems,
              std::vector<std::string>{"schema drift: table 'stray' is in the database but no revision creates it"});
    options.drift_exclude = {"audit_*", "str?y"};
    EXPECT_TRUE(check(db.connection(), catalog, options).ok);
    options.drift_exclude = {"t"};  // the managed table t: left out of both sides
    EXPECT_EQ(check(db.connection(), catalog, options).problems.size(), 4U);
}

TYPED_TEST(Check, RejectsAnEmptyOrSchemaQualifiedDriftExcludePattern) {
    const auto& db = this->db_;
    Options options;
    options.drift_exclude = {"audit_*", ""};
    Error error = expect_error([&] { (void)check(db.connection(), graph_catalog("a:"), options); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_option);
    EXPECT_STREQ(error.what(), "invalid drift_exclude pattern '': expected a name pattern such as 'audit_*'");
    options.drift_exclude = {"public.audit_*"};
    error = expect_error([&] { (void)check(db.connection(), graph_catalog("a:"), options); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_option);
    EXPECT_STREQ(error.what(),
                 "invalid drift_exclude pattern 'public.audit_*': patterns are not schema-qualified "
                 "(the drift check reads one schema); write 'audit_*'");
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

// ---- repair, and recovery hints followed literally ------------------------------------------
// Each hint test creates the situation, takes the command the message suggests FROM the message
// (never a copy of it here), runs it through run_cli as a user would, starts again and checks
// the schema and the version rows.

/// The database's URL, as a user gives it to run_cli.
#if defined(MIGRATIONS_TEST_POSTGRESQL)
std::string url_of(const testing::PostgresqlFixture& db) { return db.location(); }
#else
std::string url_of(const testing::SqliteFixture& db) {
    return std::string("sqlite:///") + sqlite3_db_filename(db.connection(), "main");
}
#endif

/// The part of `message` from `phrase` to the end of its clause (the next "; ").
std::string clause(const std::string& message, const std::string& phrase) {
    const auto start = message.find(phrase);
    if (start == std::string::npos) {
        ADD_FAILURE() << "no '" << phrase << "' in: " << message;
        return {};
    }
    const auto end = message.find("; ", start);
    return message.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// The texts quoted `like this` in `text` that start with `first_word`, in order.
std::vector<std::string> quoted(const std::string& text, const std::string& first_word = "db") {
    std::vector<std::string> result;
    for (auto open = text.find('`'); open != std::string::npos;) {
        const auto close = text.find('`', open + 1);
        if (close == std::string::npos) break;
        const std::string inside = text.substr(open + 1, close - open - 1);
        if (inside.rfind(first_word + " ", 0) == 0) result.push_back(inside);
        open = text.find('`', close + 1);
    }
    return result;
}

struct CliOutcome {
    int code;
    std::string out;
    std::string err;
};

/// Runs `command` ("db repair") through run_cli with `url` as the application's default database.
CliOutcome run_command(const std::string& command, const Catalog& catalog, const std::string& url) {
    std::istringstream stream(command);
    std::vector<std::string> words;
    for (std::string word; stream >> word;) words.push_back(word);
    std::vector<const char*> argv;
    for (const std::string& word : words) argv.push_back(word.c_str());
    ::unsetenv("DATABASE_URL");
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    const int code = run_cli(static_cast<int>(argv.size()), argv.data(), catalog, url);
    std::string out = ::testing::internal::GetCapturedStdout();
    return {code, std::move(out), ::testing::internal::GetCapturedStderr()};
}

/// Runs every command quoted in `text`, in order, expecting each to succeed; returns them.
std::vector<std::string> follow(const std::string& text, const Catalog& catalog, const std::string& url) {
    const std::vector<std::string> commands = quoted(text);
    EXPECT_FALSE(commands.empty()) << "no command in: " << text;
    for (const std::string& command : commands) {
        const CliOutcome outcome = run_command(command, catalog, url);
        EXPECT_EQ(outcome.code, 0) << command << ": " << outcome.err;
    }
    return commands;
}

/// A row of the version table for `revision` of `catalog`, as a process killed at that point
/// leaves it (state 'pending' or 'applied').
template <typename Backend>
std::string row_sql(const Catalog& catalog, const std::string& revision, const std::string& state) {
    const auto index = static_cast<std::size_t>(catalog.find(revision));
    return "INSERT INTO schema_revisions VALUES ('" + revision + "', '" +
           std::string(catalog[index].checksum[Backend::kChecksum]) + "', '" + state +
           "', '2026-01-01T00:00:00.000Z', 0)";
}

template <typename Backend>
class Repair : public BackendTest<Backend> {
protected:
    std::vector<std::string> version_rows() const { return testing::version_rows(this->db_); }
};
template <typename Backend>
class RecoveryHint : public Repair<Backend> {};
TYPED_TEST_SUITE(Repair, Backends, BackendName);
TYPED_TEST_SUITE(RecoveryHint, Backends, BackendName);

TYPED_TEST(Repair, RewritesOnlyTheChecksumsThatDiffer) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    (void)upgrade(db.connection(), catalog);
    db.exec("UPDATE schema_revisions SET checksum = 'stale0123456789' WHERE revision = 'a'");
    db.exec("UPDATE schema_revisions SET checksum = 'old', state = 'pending' WHERE revision = 'c'");
    const auto untouched = [&] {
        return db.rows(
            "SELECT revision || '|' || state || '|' || applied_at || '|' || duration_ms"
            " FROM schema_revisions ORDER BY revision");
    };
    const auto before = untouched();
    const std::vector<std::string> tables = db.tables();

    const RepairResult result = repair(db.connection(), catalog);
    ASSERT_EQ(result.repaired.size(), 2U);
    EXPECT_EQ(result.repaired[0].revision, "a");
    EXPECT_EQ(result.repaired[0].file, "migrations/a.sql");
    EXPECT_EQ(result.repaired[0].old_checksum, "stale0123456789");
    EXPECT_EQ(result.repaired[0].new_checksum, catalog[0].checksum[TypeParam::kChecksum]);
    EXPECT_EQ(result.repaired[1].revision, "c");
    EXPECT_EQ(result.repaired[1].old_checksum, "old");
    // Checksums now the catalog's; states, times, rows and tables as they were.
    for (const auto& row : applied_revisions(db.connection())) {
        EXPECT_EQ(row.checksum,
                  catalog[static_cast<std::size_t>(catalog.find(row.revision))].checksum[TypeParam::kChecksum]);
    }
    EXPECT_EQ(untouched(), before);
    EXPECT_EQ(db.tables(), tables);
    EXPECT_TRUE(repair(db.connection(), catalog).repaired.empty());
}

TYPED_TEST(Repair, OnADatabaseWithoutVersionTableChangesNothing) {
    const auto& db = this->db_;
    EXPECT_TRUE(repair(db.connection(), graph_catalog("a:;b:a")).repaired.empty());
    EXPECT_TRUE(db.tables().empty());
}

TYPED_TEST(Repair, RefusesRevisionsTheBinaryDoesNotKnow) {
    const auto& db = this->db_;
    (void)upgrade(db.connection(), graph_catalog("a:;b:a"));
    db.exec("UPDATE schema_revisions SET checksum = 'x' WHERE revision = 'a'");
    const Snapshot before = this->snapshot();
    const Error error = expect_error([&] { (void)repair(db.connection(), graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::unknown_revision);
    EXPECT_EQ(error.what(), "the database " + db.location() +
                                " has revision(s) b that this binary does not know (catalog test_migrations): a "
                                "newer build migrated it; run that build (or a newer one), or, to return to this "
                                "build, run `db downgrade a` with the build that knows them");
    EXPECT_EQ(this->snapshot(), before);
}

TYPED_TEST(Repair, TheCommandLinePrintsEachRewrittenChecksumAndASummary) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db.connection(), catalog);
    db.exec("UPDATE schema_revisions SET checksum = '0123456789abcdef' WHERE revision = 'b'");
    const std::string url = url_of(db);
    const CliOutcome repaired = run_command("db repair", catalog, url);
    EXPECT_EQ(repaired.code, 0) << repaired.err;
    EXPECT_EQ(repaired.out, "  b (migrations/b.sql): checksum 0123456789ab -> " +
                                std::string(catalog[1].checksum[TypeParam::kChecksum]).substr(0, 12) + "\n" + url +
                                ": repaired 1 checksum(s); no revision was run and nothing else changed\n");
    const CliOutcome again = run_command("db repair", catalog, url);
    EXPECT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(again.out, url + ": nothing to repair, every stored checksum matches\n");
    EXPECT_TRUE(check(db.connection(), catalog).ok);
}

TYPED_TEST(RecoveryHint, ChecksumMismatchBelowTheHeadIsRepairedAndTheNextStartSucceeds) {
    const auto& db = this->db_;
    (void)upgrade(db.connection(), graph_catalog("a:;b:a"));
    // a, below the head b, edited after it was applied (the table already has the column by
    // hand), and a new revision c.
    db.exec("ALTER TABLE t_a ADD COLUMN y INTEGER");
    CatalogBuilder edited;
    edited.add("a").up("CREATE TABLE t_a (x INTEGER, y INTEGER);").down("DROP TABLE t_a;");
    edited.add("b", {"a"}).up("CREATE TABLE t_b (x INTEGER);").down("DROP TABLE t_b;");
    edited.add("c", {"b"}).up("CREATE TABLE t_c (x INTEGER);").down("DROP TABLE t_c;");
    const Catalog catalog = edited.build();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    ASSERT_EQ(error.kind(), ErrorKind::checksum_mismatch);

    EXPECT_EQ(follow(error.what(), catalog, url_of(db)), std::vector<std::string>{"db repair"});
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, std::vector<std::string>{"c"});
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b", "t_c"}));
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied", "c|applied"}));
}

TYPED_TEST(RecoveryHint, PendingRevisionWhoseChangesAreInPlaceIsStampedAndTheNextStartSucceeds) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t_a (x INTEGER);").down("DROP TABLE t_a;");
    b.add("n", {"a"}).up("CREATE TABLE t_n (x INTEGER);").down("DROP TABLE t_n;").no_transaction();
    b.add("c", {"n"}).up("CREATE TABLE t_c (x INTEGER);").down("DROP TABLE t_c;");
    const Catalog catalog = b.build();
    (void)upgrade(db.connection(), catalog, "a");
    // Killed after n's SQL completed, before its row became 'applied'.
    db.exec("CREATE TABLE t_n (x INTEGER)");
    db.exec(row_sql<TypeParam>(catalog, "n", "pending"));
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(100);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "head", options); });
    ASSERT_EQ(error.kind(), ErrorKind::pending_revision);

    EXPECT_EQ(follow(clause(error.what(), "if all of it is there"), catalog, url_of(db)),
              std::vector<std::string>{"db stamp n"});
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, std::vector<std::string>{"c"});
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_c", "t_n"}));
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "c|applied", "n|applied"}));
}

TYPED_TEST(RecoveryHint, PendingRevisionThatFailedIsForgottenAndRunsAgainAtTheNextStart) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t_a (x INTEGER);").down("DROP TABLE t_a;");
    b.add("n", {"a"})
        .up("CREATE TABLE half (x INTEGER);\nINSERT INTO gate VALUES (1);")
        .down("DROP TABLE half;")
        .no_transaction();
    b.add("c", {"n"}).up("CREATE TABLE t_c (x INTEGER);").down("DROP TABLE t_c;");
    const Catalog catalog = b.build();
    (void)expect_error([&] { (void)upgrade(db.connection(), catalog); });  // table gate is missing
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(100);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "head", options); });
    ASSERT_EQ(error.kind(), ErrorKind::pending_revision);

    db.exec("DROP TABLE IF EXISTS half");  // the partial change, undone by hand as the message says
    EXPECT_EQ(follow(clause(error.what(), "if none of it is"), catalog, url_of(db)),
              std::vector<std::string>{"db stamp a"});
    db.exec("CREATE TABLE gate (x INTEGER)");  // what made it fail, fixed
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, (std::vector<std::string>{"n", "c"}));
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"gate", "half", "schema_revisions", "t_a", "t_c"}));
    EXPECT_EQ(db.rows("SELECT x FROM gate"), std::vector<std::string>{"1"});
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "c|applied", "n|applied"}));
}

TYPED_TEST(RecoveryHint, PendingRevisionBesideAnotherAppliedBranchKeepsThatBranch) {
    const auto& db = this->db_;
    // n's parent a also carries b, applied: stamping a alone would un-apply b, and the next
    // start would fail creating t_b again.
    CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t_a (x INTEGER);").down("DROP TABLE t_a;");
    builder.add("b", {"a"}).up("CREATE TABLE t_b (x INTEGER);").down("DROP TABLE t_b;");
    builder.add("n", {"a"}).up("CREATE TABLE t_n (x INTEGER);").down("DROP TABLE t_n;").no_transaction();
    const Catalog catalog = builder.build();
    (void)upgrade(db.connection(), catalog, "b");
    db.exec(row_sql<TypeParam>(catalog, "n", "pending"));  // killed before n ran
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(100);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "heads", options); });
    ASSERT_EQ(error.kind(), ErrorKind::pending_revision);

    EXPECT_EQ(follow(clause(error.what(), "if none of it is"), catalog, url_of(db)),
              (std::vector<std::string>{"db stamp a", "db stamp b"}));
    EXPECT_EQ(upgrade(db.connection(), catalog, "heads").revisions, std::vector<std::string>{"n"});
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b", "t_n"}));
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied", "n|applied"}));
}

TYPED_TEST(RecoveryHint, PendingMergeRevisionIsForgottenThroughTheParentNothingElseDescendsFrom) {
    const auto& db = this->db_;
    // m merges b and c; x also descends from b, so stamping b (the first parent) would un-apply x.
    CatalogBuilder builder;
    builder.add("a").up("CREATE TABLE t_a (x INTEGER);").down("DROP TABLE t_a;");
    builder.add("b", {"a"}).up("CREATE TABLE t_b (x INTEGER);").down("DROP TABLE t_b;");
    builder.add("c", {"a"}).up("CREATE TABLE t_c (x INTEGER);").down("DROP TABLE t_c;");
    builder.add("x", {"b"}).up("CREATE TABLE t_x (x INTEGER);").down("DROP TABLE t_x;");
    builder.add("m", {"b", "c"}).up("CREATE TABLE t_m (x INTEGER);").down("DROP TABLE t_m;").no_transaction();
    const Catalog catalog = builder.build();
    (void)upgrade(db.connection(), catalog, "x");
    (void)upgrade(db.connection(), catalog, "c");
    db.exec(row_sql<TypeParam>(catalog, "m", "pending"));
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(100);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "heads", options); });
    ASSERT_EQ(error.kind(), ErrorKind::pending_revision);

    EXPECT_EQ(follow(clause(error.what(), "if none of it is"), catalog, url_of(db)),
              std::vector<std::string>{"db stamp c"});
    EXPECT_EQ(upgrade(db.connection(), catalog, "heads").revisions, std::vector<std::string>{"m"});
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b", "t_c", "t_m", "t_x"}));
    EXPECT_EQ(this->version_rows(),
              (std::vector<std::string>{"a|applied", "b|applied", "c|applied", "m|applied", "x|applied"}));
}

TYPED_TEST(RecoveryHint, PendingRowOnATransactionalRevisionIsRefusedAtOnceWithItsOwnMessage) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db.connection(), catalog, "a");
    db.exec(row_sql<TypeParam>(catalog, "b", "pending"));  // set by hand: b never ran
    Options options;
    options.migration_lock_timeout = std::chrono::seconds(5);
    const auto started = std::chrono::steady_clock::now();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "head", options); });
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));  // no wait for the lock timeout
    EXPECT_EQ(error.kind(), ErrorKind::pending_revision);
    EXPECT_STREQ(error.what(),
                 "revision b (migrations/b.sql) runs in a transaction, yet its row is 'pending', which is only ever "
                 "written for a `transactional: false` revision: the row was set by hand or by another tool. Its "
                 "upgrade took effect entirely or not at all: look in the database for the changes of the upgrade "
                 "section of migrations/b.sql: if all of it is there, run `db stamp b`; if none of it is, run `db "
                 "stamp a`; then upgrade again");

    EXPECT_EQ(follow(clause(error.what(), "if none of it is"), catalog, url_of(db)),
              std::vector<std::string>{"db stamp a"});
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, std::vector<std::string>{"b"});
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b"}));
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
}

TYPED_TEST(RecoveryHint, UnknownRevisionsAreRevertedByTheNewerBuildAndThisBuildStartsAgain) {
    const auto& db = this->db_;
    const Catalog newer = graph_catalog("a:;b:a;c:b;d:c");
    const Catalog older = graph_catalog("a:;b:a");
    (void)upgrade(db.connection(), newer);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), older); });
    ASSERT_EQ(error.kind(), ErrorKind::unknown_revision);

    EXPECT_EQ(follow(error.what(), newer, url_of(db)), std::vector<std::string>{"db downgrade b"});
    EXPECT_TRUE(upgrade(db.connection(), older).fast_path);
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b"}));
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
}

TYPED_TEST(RecoveryHint, EmptyRevisionRowIsNamedAndTheSuggestedDeleteLetsTheNextStartSucceed) {
    const auto& db = this->db_;
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(db.connection(), catalog, "a");
    db.exec("INSERT INTO schema_revisions VALUES ('', 'x', 'applied', '2026-01-01T00:00:00.000Z', 0)");
    const Snapshot before = this->snapshot();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::unknown_revision);
    EXPECT_EQ(error.what(), "the version table schema_revisions of " + db.location() +
                                " has a row with an empty revision (NULL or ''), which no migration writes: it was "
                                "written by hand or by another tool; delete it with `DELETE FROM schema_revisions "
                                "WHERE revision IS NULL OR revision = ''` and start again");
    EXPECT_EQ(this->snapshot(), before);

    for (const std::string& sql : quoted(error.what(), "DELETE")) db.exec(sql);
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, std::vector<std::string>{"b"});
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
}

TYPED_TEST(RecoveryHint, NullRevisionRowIsNamedAsEmpty) {
    const auto& db = this->db_;
    // A version table made by hand (or another tool) without NOT NULL on revision.
    db.exec(
        "CREATE TABLE schema_revisions (revision TEXT UNIQUE, checksum TEXT NOT NULL, state TEXT NOT NULL,"
        " applied_at TEXT NOT NULL, duration_ms REAL NOT NULL)");
    db.exec("INSERT INTO schema_revisions VALUES (NULL, 'x', 'applied', '2026-01-01T00:00:00.000Z', 0)");
    const Catalog catalog = graph_catalog("a:;b:a");
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::unknown_revision);
    EXPECT_NE(std::string(error.what()).find("has a row with an empty revision (NULL or '')"), std::string::npos)
        << error.what();
    for (const std::string& sql : quoted(error.what(), "DELETE")) db.exec(sql);
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(db.tables(), (std::vector<std::string>{"schema_revisions", "t_a", "t_b"}));
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
