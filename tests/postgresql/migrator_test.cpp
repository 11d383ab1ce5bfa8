// @brief The runtime's behaviour on a real PostgreSQL server, mirroring the SQLite suite
// (tests/runtime/migrator_test.cpp): upgrade, downgrade, stamp, safety checks, the fast path,
// atomicity, non-transactional revisions, and what PostgreSQL adds (schemas, the lock, URLs).
#include "postgresql/advisory_lock.hpp"
#include "postgresql/libpq_query.hpp"
#include "postgresql/postgresql_backend.hpp"
#include "support/test_catalog.hpp"
#include "test_database.hpp"

#include <migrations/migrations.hpp>
#include <migrations/postgresql.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::graph_catalog;
using testing::raw;
using testing::scalar;
using testing::TestDatabase;

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

class PostgresqlMigrator : public ::testing::Test {
protected:
    std::vector<std::string> rows(const std::string& sql) {
        std::vector<std::string> out;
        const postgresql::QueryResult result = postgresql::query(pg_, sql);
        for (int row = 0; row < result.rows(); ++row) out.emplace_back(result.value(row, 0));
        return out;
    }
    std::vector<std::string> tables() {
        return rows("SELECT string_agg(table_schema || '.' || table_name, ','"
                    " ORDER BY table_schema || '.' || table_name COLLATE \"C\") FROM information_schema.tables"
                    " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
    }
    /// Tables and version rows: what "unchanged" means.
    std::string snapshot() {
        std::string text = tables()[0] + "|";
        if (scalar(*connection_, "SELECT to_regclass('schema_revisions') IS NOT NULL") == "t") {
            for (const auto& row : rows("SELECT revision || ':' || checksum || ':' || state || ':' || applied_at"
                                        " FROM schema_revisions ORDER BY revision")) {
                text += row + ";";
            }
        }
        return text;
    }
    /// "postgresql://postgres@127.0.0.1:PORT/<db>": how messages name this database.
    std::string location() {
        return "postgresql://postgres@127.0.0.1:" + std::string(PQport(pg_)) + "/" + database_.name();
    }

    TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();
    PGconn* pg_ = raw(*connection_);
};

TEST_F(PostgresqlMigrator, AppliesEveryRevisionAndRecordsItsRow) {
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    const UpgradeResult result = upgrade(*connection_, catalog);
    EXPECT_EQ(result.revisions, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(result.from.empty());
    EXPECT_EQ(result.to, std::vector<std::string>{"c"});
    EXPECT_FALSE(result.fast_path);
    EXPECT_EQ(tables(), std::vector<std::string>{"public.schema_revisions,public.t_a,public.t_b,public.t_c"});
    const auto applied = applied_revisions(*connection_);
    ASSERT_EQ(applied.size(), 3U);
    EXPECT_EQ(applied[0].revision, "a");
    EXPECT_EQ(applied[0].checksum, catalog[0].checksum[1]);
    EXPECT_EQ(applied[0].state, "applied");
    EXPECT_TRUE(std::regex_match(applied[0].applied_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << applied[0].applied_at;
    EXPECT_GE(applied[0].duration_ms, 0.0);
    EXPECT_EQ(current(*connection_, catalog), std::vector<std::string>{"c"});
}

// The messages the client sent, from libpq's protocol trace ("Query" or "Parse" frames).
class QueryCounter {
public:
    explicit QueryCounter(PGconn* connection) : connection_(connection), file_(std::tmpfile()) {
        PQtrace(connection_, file_);
        PQsetTraceFlags(connection_, PQTRACE_SUPPRESS_TIMESTAMPS);
    }
    ~QueryCounter() {
        PQuntrace(connection_);
        std::fclose(file_);
    }
    std::vector<std::string> queries() {
        std::fflush(file_);
        std::rewind(file_);
        std::vector<std::string> out;
        char line[4096];
        while (std::fgets(line, sizeof line, file_) != nullptr) {
            const std::string text = line;
            if (text.rfind("F\t", 0) == 0 && (text.find("\tQuery\t") != std::string::npos ||
                                             text.find("\tParse\t") != std::string::npos)) {
                out.push_back(text);
            }
        }
        return out;
    }

private:
    PGconn* connection_;
    std::FILE* file_;
};

TEST_F(PostgresqlMigrator, AtHeadRunsOneQueryAndWritesNothing) {
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    (void)upgrade(*connection_, catalog);
    std::vector<std::string> sent;
    UpgradeResult result;
    {
        QueryCounter counter(pg_);
        result = upgrade(*connection_, catalog);
        sent = counter.queries();
    }
    EXPECT_TRUE(result.fast_path);
    EXPECT_TRUE(result.revisions.empty());
    EXPECT_EQ(result.to, std::vector<std::string>{"c"});
    ASSERT_EQ(sent.size(), 1U);
    EXPECT_NE(sent[0].find("SELECT revision, checksum, state FROM \"schema_revisions\"\""),
              std::string::npos)
        << sent[0];
}

TEST_F(PostgresqlMigrator, NothingToDoCreatesNoVersionTable) {
    const UpgradeResult result = upgrade(*connection_, graph_catalog("a:;b:a"), "base");
    EXPECT_TRUE(result.fast_path);
    EXPECT_EQ(tables(), std::vector<std::string>{""});
}

TEST_F(PostgresqlMigrator, RunsDollarQuotedFunctionsAndSemicolonsInStrings) {
    CatalogBuilder b;
    b.add("a1")
        .up("CREATE TABLE notes (body TEXT);\n"
            "CREATE TABLE audit (n INTEGER);\n"
            "INSERT INTO audit VALUES (0);\n"
            "CREATE FUNCTION count_note() RETURNS trigger AS $$\n"
            "BEGIN\n"
            "  UPDATE audit SET n = n + 1; -- ; inside the body\n"
            "  RETURN NEW;\n"
            "END;\n"
            "$$ LANGUAGE plpgsql;\n"
            "CREATE TRIGGER count_notes AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION count_note();\n"
            "INSERT INTO notes VALUES ('one; two; three');\n"
            "INSERT INTO notes VALUES ($q$a ';' quote; /* not a comment; */$q$);\n")
        .down("DROP TABLE notes; DROP TABLE audit; DROP FUNCTION count_note();");
    (void)upgrade(*connection_, b.build());
    EXPECT_EQ(rows("SELECT body FROM notes ORDER BY body DESC"),
              (std::vector<std::string>{"one; two; three", "a ';' quote; /* not a comment; */"}));
    EXPECT_EQ(scalar(*connection_, "SELECT n FROM audit"), "2");
    (void)downgrade(*connection_, b.build(), "base");
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_proc WHERE proname = 'count_note'"), "0");
}

TEST_F(PostgresqlMigrator, RollsBackEverythingWhenAStatementFails) {
    const Error error = expect_error([&] { (void)upgrade(*connection_, five_with_failing_third()); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_STREQ(error.what(),
                 "migrations/c3_add_t3.sql:11: c3 upgrade failed: relation \"missing\" does not exist");
    EXPECT_EQ(error.revision(), "c3");
    EXPECT_EQ(error.file(), "migrations/c3_add_t3.sql");
    EXPECT_EQ(error.line(), 11U);
    EXPECT_EQ(postgresql_sqlstate(error.database_code()), "42P01");
    EXPECT_EQ(tables(), std::vector<std::string>{""});  // not even the version table
}

TEST_F(PostgresqlMigrator, FailureLeavesTheDatabaseAtTheRevisionItHad) {
    const Catalog catalog = five_with_failing_third();
    (void)upgrade(*connection_, catalog, "a1");
    const std::string before = snapshot();
    (void)expect_error([&] { (void)upgrade(*connection_, catalog); });
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(current(*connection_, catalog), std::vector<std::string>{"a1"});
}

TEST_F(PostgresqlMigrator, ReachesEachTargetForm) {
    const Catalog catalog = graph_catalog("a1:;b2:a1#feature;c3:b2;d4:c3;e5:d4");
    EXPECT_EQ(upgrade(*connection_, catalog, "a1").to, std::vector<std::string>{"a1"});
    EXPECT_EQ(upgrade(*connection_, catalog, "feature").to, std::vector<std::string>{"b2"});
    EXPECT_EQ(upgrade(*connection_, catalog, "+1").to, std::vector<std::string>{"c3"});
    EXPECT_EQ(upgrade(*connection_, catalog, "c3+1").to, std::vector<std::string>{"d4"});
    EXPECT_EQ(upgrade(*connection_, catalog, "e").to, std::vector<std::string>{"e5"});
    EXPECT_EQ(downgrade(*connection_, catalog, "-2").to, std::vector<std::string>{"c3"});
    EXPECT_EQ(downgrade(*connection_, catalog, "b").to, std::vector<std::string>{"b2"});
    EXPECT_EQ(upgrade(*connection_, catalog, "heads").to, std::vector<std::string>{"e5"});
    EXPECT_EQ(downgrade(*connection_, catalog, "base").to, std::vector<std::string>{});
    EXPECT_EQ(tables(), std::vector<std::string>{"public.schema_revisions"});
    EXPECT_EQ(upgrade(*connection_, catalog, "head").revisions.size(), 5U);
}

TEST_F(PostgresqlMigrator, DowngradeMinusOneFromAMergeLeavesBothParentsCurrent) {
    const Catalog catalog = graph_catalog("a:;b:a;c:a;m:b,c");
    (void)upgrade(*connection_, catalog);
    const DowngradeResult result = downgrade(*connection_, catalog, "-1");
    EXPECT_EQ(result.revisions, std::vector<std::string>{"m"});
    EXPECT_EQ(current(*connection_, catalog), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(tables(), std::vector<std::string>{"public.schema_revisions,public.t_a,public.t_b,public.t_c"});
}

TEST_F(PostgresqlMigrator, RefusesAnUnknownRevisionInTheDatabase) {
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(*connection_, catalog, "a");
    postgresql::query(pg_, "INSERT INTO schema_revisions VALUES ('f00d', 'x', 'applied', '2026-01-01T00:00:00.000Z', 1)");
    const std::string before = snapshot();
    const Error error = expect_error([&] { (void)upgrade(*connection_, catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::unknown_revision);
    EXPECT_EQ(error.what(), "the database " + location() +
                                " has revision(s) f00d that this binary does not know (catalog test_migrations): a "
                                "newer build migrated it; run that build, or one that includes them");
    EXPECT_EQ(snapshot(), before);
}

TEST_F(PostgresqlMigrator, RefusesARevisionEditedAfterItWasApplied) {
    (void)upgrade(*connection_, graph_catalog("a:;b:a"), "a");
    CatalogBuilder edited;
    edited.add("a").up("CREATE TABLE t_a (x INTEGER, y INTEGER);").add("b", {"a"}).up("CREATE TABLE t_b (x int);");
    const std::string before = snapshot();
    const Error error = expect_error([&] { (void)upgrade(*connection_, edited.build()); });
    EXPECT_EQ(error.kind(), ErrorKind::checksum_mismatch);
    EXPECT_STREQ(error.what(),
                 "revision a (migrations/a.sql) was edited after it was applied: its checksum differs from the "
                 "database's; restore the file and put the change in a new revision (or accept the edit with `db "
                 "stamp a`)");
    EXPECT_EQ(snapshot(), before);
    (void)stamp(*connection_, edited.build(), "a");
    EXPECT_EQ(upgrade(*connection_, edited.build()).revisions, std::vector<std::string>{"b"});
}

TEST_F(PostgresqlMigrator, RefusesABadTargetWithoutTouchingTheDatabase) {
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(*connection_, catalog, "a");
    const std::string before = snapshot();
    const Error error = expect_error([&] { (void)upgrade(*connection_, catalog, "nope"); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_target);
    EXPECT_STREQ(error.what(), "unknown target 'nope': no revision id, id prefix or branch label matches it");
    EXPECT_EQ(snapshot(), before);
}

TEST_F(PostgresqlMigrator, RunsAConcurrentIndexRevisionAloneAndRecordsItApplied) {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x INTEGER, y INTEGER);").down("DROP TABLE t;");
    b.add("i", {"a"})
        .up("CREATE INDEX CONCURRENTLY t_x ON t (x);\n-- a second one\nCREATE INDEX CONCURRENTLY t_y ON t (y);")
        .down("DROP INDEX CONCURRENTLY t_x;\nDROP INDEX CONCURRENTLY t_y;")
        .no_transaction();
    b.add("c", {"i"}).up("CREATE TABLE u (x INTEGER);").down("DROP TABLE u;");
    const Catalog catalog = b.build();
    std::vector<std::string> progress;
    Options options;
    options.progress = [&](const ProgressEvent& event) {
        progress.push_back(std::string(event.revision) + ":" + std::to_string(event.index) + "/" +
                           std::to_string(event.count));
    };
    EXPECT_EQ(upgrade(*connection_, catalog, "head", options).revisions, (std::vector<std::string>{"a", "i", "c"}));
    EXPECT_EQ(progress, (std::vector<std::string>{"a:1/3", "i:2/3", "c:3/3"}));
    EXPECT_EQ(rows("SELECT revision || '|' || state FROM schema_revisions ORDER BY revision"),
              (std::vector<std::string>{"a|applied", "c|applied", "i|applied"}));
    EXPECT_EQ(rows("SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY 1"),
              (std::vector<std::string>{"t_x", "t_y"}));
    EXPECT_EQ(downgrade(*connection_, catalog, "base").revisions, (std::vector<std::string>{"c", "i", "a"}));
}

TEST_F(PostgresqlMigrator, ReportsALeftoverPendingRowWithTheRecoveryCommand) {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    b.add("n", {"a"}).up("CREATE TABLE half (x INTEGER);\nINSERT INTO missing VALUES (1);").down("").no_transaction();
    const Catalog broken = b.build();
    const Error failed = expect_error([&] { (void)upgrade(*connection_, broken); });
    EXPECT_STREQ(failed.what(), "migrations/n.sql:7: n upgrade failed: relation \"missing\" does not exist");
    EXPECT_EQ(rows("SELECT revision || '|' || state FROM schema_revisions ORDER BY revision"),
              (std::vector<std::string>{"a|applied", "n|pending"}));

    Options options;
    options.lock_timeout = std::chrono::milliseconds(100);
    const Error pending = expect_error([&] { (void)upgrade(*connection_, broken, "head", options); });
    EXPECT_EQ(pending.kind(), ErrorKind::pending_revision);
    EXPECT_STREQ(pending.what(),
                 "revision n (migrations/n.sql) was interrupted while running outside a transaction (its row is "
                 "'pending'): check the database, then run `db stamp n` if its changes are in place, or `db stamp "
                 "a` if they are not, and upgrade again");

    postgresql::query(pg_, "DROP TABLE half");
    (void)stamp(*connection_, broken, "a");
    CatalogBuilder fixed;
    fixed.add("a").up("CREATE TABLE t (x INTEGER);").down("DROP TABLE t;");
    fixed.add("n", {"a"}).up("CREATE TABLE half (x INTEGER);").down("DROP TABLE half;").no_transaction();
    EXPECT_EQ(upgrade(*connection_, fixed.build()).revisions, std::vector<std::string>{"n"});
}

TEST_F(PostgresqlMigrator, StampMarksRevisionsWithoutRunningThem) {
    const Catalog catalog = graph_catalog("a:;b:a;c:a");
    EXPECT_EQ(stamp(*connection_, catalog, "b").to, std::vector<std::string>{"b"});
    EXPECT_EQ(stamp(*connection_, catalog, "c").to, (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(tables(), std::vector<std::string>{"public.schema_revisions"});
    EXPECT_EQ(stamp(*connection_, catalog, "base").to, std::vector<std::string>{});
    EXPECT_TRUE(applied_revisions(*connection_).empty());
}

TEST_F(PostgresqlMigrator, UsesTheConfiguredVersionTableAndSchema) {
    Options options;
    options.version_table = "app_versions";
    options.version_table_schema = "ops";
    (void)upgrade(*connection_, graph_catalog("a:"), "head", options);
    EXPECT_EQ(scalar(*connection_, "SELECT revision FROM ops.app_versions"), "a");
    EXPECT_EQ(tables(), std::vector<std::string>{"ops.app_versions,public.t_a"});
    EXPECT_TRUE(upgrade(*connection_, graph_catalog("a:"), "head", options).fast_path);
    options.version_table_schema = "ops; DROP TABLE t_a";
    const Error error = expect_error([&] { (void)upgrade(*connection_, graph_catalog("a:"), "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_option);
    EXPECT_STREQ(error.what(), "invalid version table schema 'ops; DROP TABLE t_a': expected an identifier "
                               "[A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
}

TEST_F(PostgresqlMigrator, KeepsTheVersionTableInTheCurrentSchema) {
    postgresql::query(pg_, "CREATE SCHEMA app; SET search_path = app");
    (void)upgrade(*connection_, graph_catalog("a:"));
    EXPECT_EQ(tables(), std::vector<std::string>{"app.schema_revisions,app.t_a"});
}

TEST_F(PostgresqlMigrator, RefusesAConnectionInsideATransaction) {
    postgresql::query(pg_, "BEGIN");
    const Error error = expect_error([&] { (void)upgrade(*connection_, graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::database);
    EXPECT_EQ(error.what(), "the PostgreSQL connection to " + location() +
                                " is inside a transaction: migrations run their own");
    postgresql::query(pg_, "ROLLBACK");
}

TEST_F(PostgresqlMigrator, TimesOutOnTheLockNamingItsHolder) {
    const Catalog catalog = graph_catalog("a:");
    auto other = database_.connect();
    postgresql::query(raw(*other), "SET application_name = 'other-replica'");
    postgresql::AdvisoryLock held(raw(*other), postgresql::advisory_lock_key("public", "schema_revisions"),
                                  std::chrono::milliseconds(0), "test");
    Options options;
    options.lock_timeout = std::chrono::milliseconds(200);
    const Error error = expect_error([&] { (void)upgrade(*connection_, catalog, "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    const std::regex expected("timed out after 200 ms waiting for the migration lock of \"public\"\\.\"schema_revisions\" "
                              "on " + std::regex_replace(location(), std::regex("\\."), "\\.") +
                              " \\(advisory lock -?\\d+\\), held by pid " + std::to_string(PQbackendPID(raw(*other))) +
                              " \\(application_name 'other-replica', client 127\\.0\\.0\\.1, user postgres, query "
                              "started [^)]+\\)");
    EXPECT_TRUE(std::regex_match(error.what(), expected)) << error.what();
    EXPECT_EQ(tables(), std::vector<std::string>{""});
}

TEST_F(PostgresqlMigrator, CheckReportsEveryProblem) {
    const Catalog catalog = graph_catalog("a:;b:a");
    EXPECT_EQ(check(*connection_, catalog).problems, std::vector<std::string>{"2 revision(s) not applied: a, b"});
    (void)upgrade(*connection_, catalog);
    EXPECT_TRUE(check(*connection_, catalog).ok);
    postgresql::query(pg_, "UPDATE schema_revisions SET checksum = 'x' WHERE revision = 'a'");
    EXPECT_EQ(check(*connection_, catalog).problems, std::vector<std::string>{"edited after applied: a"});
}

TEST_F(PostgresqlMigrator, HistoryListsNewestFirstWithHeadsAndRows) {
    const Catalog catalog = graph_catalog("a:;b:a");
    (void)upgrade(*connection_, catalog, "a");
    const auto entries = history(*connection_, catalog);
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].revision, "b");
    EXPECT_TRUE(entries[0].is_head);
    EXPECT_FALSE(entries[0].applied);
    EXPECT_TRUE(entries[1].is_current);
    EXPECT_EQ(entries[1].row.state, "applied");
}

TEST_F(PostgresqlMigrator, UsesThePostgresqlSectionOfARevision) {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE generic_only (x INTEGER);").down("DROP TABLE generic_only;");
    Catalog catalog = b.build();
    // A revision with both a generic and a postgresql section: the latter runs here.
    static const char* const kGeneric[] = {"CREATE TABLE generic (x INTEGER);"};
    static const char* const kPostgresql[] = {"CREATE TABLE pg_only (x SERIAL);"};
    static const Section kSections[] = {{"", 6, {{kGeneric, 1}}}, {"postgresql", 9, {{kPostgresql, 1}}}};
    static const Section kDown[] = {{"", 12, {{kGeneric, 1}}}};
    static const std::uint32_t kBy[] = {0};
    static const RevisionSpec kRevisions[] = {{"p1", "both sections", "", "migrations/p1.sql", {}, {}, {},
                                               {kSections, 2}, {kDown, 1}, {"x", "y"}, true, false}};
    static const CatalogSpec kSpec{"dialect_migrations", {kRevisions, 1}, {kBy, 1}, 3};
    (void)upgrade(*connection_, Catalog(kSpec));
    EXPECT_EQ(tables(), std::vector<std::string>{"public.pg_only,public.schema_revisions"});
    EXPECT_EQ(rows("SELECT checksum FROM schema_revisions"), std::vector<std::string>{"y"});
}

TEST_F(PostgresqlMigrator, UpgradesByUrlWithBothSchemes) {
    const Catalog catalog = graph_catalog("a:;b:a");
    EXPECT_EQ(upgrade(database_.url(), catalog, "a").to, std::vector<std::string>{"a"});
    std::string postgres_url = database_.url();
    postgres_url.replace(0, std::string("postgresql").size(), "postgres");
    EXPECT_EQ(upgrade(postgres_url, catalog).to, std::vector<std::string>{"b"});
    EXPECT_EQ(current(database_.url() + "?sslmode=disable", catalog), std::vector<std::string>{"b"});
    EXPECT_TRUE(check(database_.url(), catalog).ok);
}

TEST_F(PostgresqlMigrator, UpgradesByALibpqKeywordString) {
    const Catalog catalog = graph_catalog("a:;b:a");
    const std::string keywords = "host=127.0.0.1 port=" + std::string(PQport(pg_)) + " user=postgres dbname='" +
                                 database_.name() + "' application_name='key words'";
    EXPECT_EQ(upgrade(postgresql_url(keywords), catalog).to, std::vector<std::string>{"b"});
    EXPECT_EQ(current(*connection_, catalog), std::vector<std::string>{"b"});
    EXPECT_EQ(postgresql_url(database_.url()), database_.url());
    const Error error = expect_error([] { (void)postgresql_url("sqlite:///app.db"); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_url);
    EXPECT_STREQ(error.what(), "not a PostgreSQL connection string: 'sqlite:///app.db' (expected "
                               "postgresql://user@host:port/dbname or \"host=... dbname=...\")");
}

TEST_F(PostgresqlMigrator, PrintsNoNoticeOfTheServer) {
    CatalogBuilder b;
    b.add("a").up("DO $$ BEGIN RAISE NOTICE 'hello from a revision'; END $$;\n"
                  "CREATE TABLE IF NOT EXISTS pg_class_copy (x int);\n"
                  "CREATE TABLE IF NOT EXISTS pg_class_copy (x int);")
        .down("DROP TABLE pg_class_copy;");
    ::testing::internal::CaptureStderr();
    (void)upgrade(database_.url(), b.build());        // a connection of our own
    (void)downgrade(*connection_, b.build(), "base");
    (void)upgrade(*connection_, b.build());           // the caller's libpqxx connection
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST_F(PostgresqlMigrator, NamesAnUnreachableServerWithoutThePassword) {
    const Error error = expect_error(
        [&] { (void)upgrade("postgresql://app:s3cret@127.0.0.1:1/app?connect_timeout=2", graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::database);
    const std::string what = error.what();
    EXPECT_EQ(what.find("s3cret"), std::string::npos) << what;
    EXPECT_EQ(what.rfind("cannot connect to postgresql://app:***@127.0.0.1:1/app?connect_timeout=2: connection to "
                         "server at \"127.0.0.1\", port 1 failed: Connection refused",
                         0),
              0U)
        << what;
}

TEST_F(PostgresqlMigrator, RejectsAUrlLibpqRefusesWithoutThePassword) {
    const Error error = expect_error(
        [&] { (void)upgrade("postgresql://app:s3cret@127.0.0.1/app?colour=blue", graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_url);
    EXPECT_STREQ(error.what(), "bad database URL 'postgresql://app:***@127.0.0.1/app?colour=blue': invalid "
                               "PostgreSQL connection string \"postgresql://app:***@127.0.0.1/app?colour=blue\": "
                               "invalid URI query parameter: \"colour\"");
}

TEST_F(PostgresqlMigrator, RunsTheCommandLineWithAPostgresqlUrl) {
    const Catalog catalog = graph_catalog("a:;b:a");
    const std::string url = database_.url();
    const char* upgrade_argv[] = {"db", "upgrade", "--database", url.c_str()};
    EXPECT_EQ(run_cli(4, upgrade_argv, catalog, "sqlite:///unused.db"), 0);
    EXPECT_EQ(current(*connection_, catalog), std::vector<std::string>{"b"});
    const char* check_argv[] = {"db", "check", "--database", url.c_str()};
    EXPECT_EQ(run_cli(4, check_argv, catalog, "sqlite:///unused.db"), 0);
}

TEST(PostgresqlSqlstate, UnpacksTheDatabaseCode) {
    EXPECT_EQ(postgresql_sqlstate(0), "");
    EXPECT_EQ(postgresql_sqlstate(detail::pack_sqlstate("23505")), "23505");
    EXPECT_EQ(postgresql_sqlstate(detail::pack_sqlstate("42P01")), "42P01");
}

}  // namespace
}  // namespace migrations
