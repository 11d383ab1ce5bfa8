// @brief What only the PostgreSQL backend does, on a real server: the fast path seen in the
// protocol trace, dollar quoting, CREATE INDEX CONCURRENTLY, schemas, the advisory lock, dialect
// sections, URLs and keyword strings, redaction, notices, the command line. The behaviour every
// backend shares is in tests/backends/behaviour_test.cpp.
#include "postgresql/advisory_lock.hpp"
#include "postgresql/libpq_query.hpp"
#include "postgresql/postgresql_backend.hpp"
#include "support/cli_capture.hpp"
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"
#include "test_database.hpp"

#include <migrations/migrations.hpp>
#include <migrations/postgresql.hpp>

#include <gtest/gtest.h>

#include <pqxx/errorhandler>
#include <pqxx/nontransaction>

#include <cstdio>
#include <iostream>
#include <regex>
#include <sstream>

#include <unistd.h>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::expect_error;
using testing::graph_catalog;
using testing::raw;
using testing::scalar;
using testing::TestDatabase;

class PostgresqlMigrator : public ::testing::Test {
protected:
    std::vector<std::string> rows(const std::string& sql) {
        std::vector<std::string> out;
        const postgresql::QueryResult result = postgresql::query(pg_, sql);
        for (int row = 0; row < result.rows(); ++row) out.emplace_back(result.value(row, 0));
        return out;
    }
    std::vector<std::string> tables() {
        return rows(
            "SELECT string_agg(table_schema || '.' || table_name, ','"
            " ORDER BY table_schema || '.' || table_name COLLATE \"C\") FROM information_schema.tables"
            " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
    }
    /// "postgresql://postgres@127.0.0.1:PORT/<db>": how messages name this database.
    std::string location() {
        return "postgresql://postgres@127.0.0.1:" + std::string(PQport(pg_)) + "/" + database_.name();
    }

    TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();
    PGconn* pg_ = raw(*connection_);
};

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
            if (text.rfind("F\t", 0) == 0 &&
                (text.find("\tQuery\t") != std::string::npos || text.find("\tParse\t") != std::string::npos)) {
                out.push_back(text);
            }
        }
        return out;
    }

private:
    PGconn* connection_;
    std::FILE* file_;
};

TEST_F(PostgresqlMigrator, AtHeadRunsOneQueryAndWritesNothingWhateverTheOptions) {
    const Catalog catalog = graph_catalog("a:;b:a;c:b");
    (void)upgrade(*connection_, catalog);
    for (const Options& options : testing::option_combinations()) {
        std::vector<std::string> sent;
        UpgradeResult result;
        {
            QueryCounter counter(pg_);
            result = upgrade(*connection_, catalog, "head", options);
            sent = counter.queries();
        }
        EXPECT_TRUE(result.fast_path);
        EXPECT_TRUE(result.revisions.empty());
        EXPECT_EQ(result.to, std::vector<std::string>{"c"});
        ASSERT_EQ(sent.size(), 1U);
        EXPECT_NE(sent[0].find("SELECT revision, checksum, state FROM \"schema_revisions\"\""), std::string::npos)
            << sent[0];
    }
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
    options.on_event = [&](const Event& event) {
        if (event.kind != EventKind::revision_finished) return;
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
    EXPECT_STREQ(error.what(),
                 "invalid version table schema 'ops; DROP TABLE t_a': expected an identifier "
                 "[A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
}

TEST_F(PostgresqlMigrator, KeepsTheVersionTableInTheCurrentSchema) {
    postgresql::query(pg_, "CREATE SCHEMA app; SET search_path = app");
    (void)upgrade(*connection_, graph_catalog("a:"));
    EXPECT_EQ(tables(), std::vector<std::string>{"app.schema_revisions,app.t_a"});
}

TEST_F(PostgresqlMigrator, TimesOutOnTheLockNamingItsHolder) {
    const Catalog catalog = graph_catalog("a:");
    auto other = database_.connect();
    postgresql::query(raw(*other), "SET application_name = 'other-replica'");
    postgresql::AdvisoryLock held(raw(*other), postgresql::advisory_lock_key("public", "schema_revisions"),
                                  std::chrono::milliseconds(0), "test");
    Options options;
    options.migration_lock_timeout = std::chrono::milliseconds(200);
    const Error error = expect_error([&] { (void)upgrade(*connection_, catalog, "head", options); });
    EXPECT_EQ(error.kind(), ErrorKind::lock_timeout);
    const std::regex expected(
        "timed out after 200 ms waiting for the migration lock of \"public\"\\.\"schema_revisions\" "
        "on " +
        std::regex_replace(location(), std::regex("\\."), "\\.") + " \\(advisory lock -?\\d+\\), held by pid " +
        std::to_string(PQbackendPID(raw(*other))) +
        " \\(application_name 'other-replica', client 127\\.0\\.0\\.1, user postgres, query "
        "started [^)]+\\)");
    EXPECT_TRUE(std::regex_match(error.what(), expected)) << error.what();
    EXPECT_EQ(tables(), std::vector<std::string>{""});
}

TEST_F(PostgresqlMigrator, UsesThePostgresqlSectionOfARevision) {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE generic_only (x INTEGER);").down("DROP TABLE generic_only;");
    Catalog catalog = b.build();
    // A revision with both a generic and a postgresql section: the latter runs here.
    CatalogBuilder both;
    both.add("p1")
        .message("both sections")
        .up("CREATE TABLE generic (x INTEGER);")
        .up(Dialect::postgresql, "CREATE TABLE pg_only (x SERIAL);")
        .down("CREATE TABLE generic (x INTEGER);")
        .checksum("y");
    (void)upgrade(*connection_, both.build("dialect_migrations"));
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

TEST_F(PostgresqlMigrator, UpgradesBySqlalchemyUrlsWithTheDriverIgnored) {
    const Catalog catalog = graph_catalog("a:;b:a");
    const std::string rest = database_.url().substr(std::string("postgresql").size());
    EXPECT_EQ(upgrade("postgresql+psycopg2" + rest, catalog, "a").to, std::vector<std::string>{"a"});
    EXPECT_EQ(upgrade("postgresql+asyncpg" + rest, catalog).to, std::vector<std::string>{"b"});
    EXPECT_EQ(current("postgresql+psycopg" + rest, catalog), std::vector<std::string>{"b"});
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
    EXPECT_STREQ(error.what(),
                 "not a PostgreSQL connection string: 'sqlite:///app.db' (expected "
                 "postgresql://user@host:port/dbname or \"host=... dbname=...\")");
}

TEST_F(PostgresqlMigrator, PrintsNoNoticeOfTheServer) {
    CatalogBuilder b;
    b.add("a")
        .up("DO $$ BEGIN RAISE NOTICE 'hello from a revision'; END $$;\n"
            "CREATE TABLE IF NOT EXISTS pg_class_copy (x int);\n"
            "CREATE TABLE IF NOT EXISTS pg_class_copy (x int);")
        .down("DROP TABLE pg_class_copy;");
    ::testing::internal::CaptureStderr();
    (void)upgrade(database_.url(), b.build());  // a connection of our own
    (void)downgrade(*connection_, b.build(), "base");
    (void)upgrade(*connection_, b.build());  // the caller's libpqxx connection
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

// Collects libpqxx's notices, as an application's own handler would.
class NoticeCollector : public pqxx::errorhandler {
public:
    using pqxx::errorhandler::errorhandler;
    bool operator()(const char message[]) noexcept override {
        notices.emplace_back(message);
        return true;
    }
    std::vector<std::string> notices;
};

TEST_F(PostgresqlMigrator, ForwardsServerNoticesAsEventsOfTheRevisionRunning) {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x int);").down("DROP TABLE t;");
    b.add("b", {"a"})
        .up("CREATE TABLE IF NOT EXISTS t (x int);\n"
            "DO $$ BEGIN RAISE WARNING 'careful' USING DETAIL = 'two\nlines', HINT = 'look'; END $$;")
        .down("DO $$ BEGIN RAISE NOTICE 'going down'; END $$;");
    std::vector<std::string> notices;
    Options options;
    options.on_event = [&](const Event& event) {
        if (event.kind != EventKind::server_notice) return;
        notices.push_back(std::string(event.revision) + (event.direction == Direction::upgrade ? " up " : " down ") +
                          std::string(event.message));
    };
    NoticeCollector application(*connection_);
    (void)upgrade(*connection_, b.build(), "head", options);
    (void)downgrade(*connection_, b.build(), "a", options);
    EXPECT_EQ(notices, (std::vector<std::string>{"b up NOTICE: relation \"t\" already exists, skipping",
                                                 "b up WARNING: careful\n  DETAIL: two lines\n  HINT: look",
                                                 "b down NOTICE: going down"}));
    // The application's handler saw none of them, and has its notices back afterwards.
    EXPECT_EQ(application.notices, std::vector<std::string>{});
    pqxx::nontransaction(*connection_).exec("DO $$ BEGIN RAISE NOTICE 'the application''s own'; END $$");
    EXPECT_EQ(application.notices, std::vector<std::string>{"NOTICE:  the application's own\n"});
    // A connection of our own forwards them too.
    notices.clear();
    (void)upgrade(database_.url(), b.build(), "head", options);
    EXPECT_EQ(notices.size(), 2U);
}

// The generator refuses both at build time (docs/format.md); a revision holding one that reached
// the server anyway changes nothing: the server parses a whole section before running it.
TEST_F(PostgresqlMigrator, ChangesNothingForCopyFromStdinAndMetaCommandsInATransactionalRevision) {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x int);\nCOPY t FROM STDIN;\n1\n2\n\\.\n").down("DROP TABLE t;");
    const Error copy = expect_error([&] { (void)upgrade(*connection_, b.build()); });
    EXPECT_EQ(copy.kind(), ErrorKind::statement_failed);
    EXPECT_STREQ(copy.what(), "migrations/a.sql:8: a upgrade failed: syntax error at or near \"1\"");
    CatalogBuilder m;
    m.add("a").up("\\set ON_ERROR_STOP on\nCREATE TABLE t (x int);").down("DROP TABLE t;");
    const Error meta = expect_error([&] { (void)upgrade(*connection_, m.build()); });
    EXPECT_STREQ(meta.what(), "migrations/a.sql:6: a upgrade failed: syntax error at or near \"\\\"");
    EXPECT_EQ(tables(), std::vector<std::string>{""});
}

TEST_F(PostgresqlMigrator, PutsLibpqsMultiLineConnectionErrorsOnOneLine) {
    const Error error = expect_error(
        [&] { (void)upgrade("postgresql://app:s3cret@localhost:1/app?connect_timeout=2", graph_catalog("a:")); });
    const std::string what = error.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    EXPECT_NE(what.find("Connection refused Is the server running on that host and accepting TCP/IP connections?"),
              std::string::npos)
        << what;
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
    const Error error =
        expect_error([&] { (void)upgrade("postgresql://app:s3cret@127.0.0.1/app?colour=blue", graph_catalog("a:")); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_url);
    EXPECT_STREQ(error.what(),
                 "bad database URL 'postgresql://app:***@127.0.0.1/app?colour=blue': invalid "
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

namespace migrations {
namespace {

/// run_cli's exit code and standard error.
std::pair<int, std::string> run_check(const Catalog& catalog, const std::string& url) {
    const testing::CliOutcome outcome = testing::run_cli_captured(catalog, url, {"app", "check"});
    return {outcome.code, outcome.err};
}

TEST_F(PostgresqlMigrator, CheckReportsASchemaAlteredByHand) {
    testing::CatalogBuilder builder;
    builder.add("a1")
        .up("CREATE TABLE todos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL);")
        .down("DROP TABLE todos;");
    builder.add("b2", {"a1"}).up("CREATE INDEX todos_title ON todos (title);").down("DROP INDEX todos_title;");
    const Catalog catalog = builder.build();
    ASSERT_EQ(upgrade(database_.url(), catalog).to, std::vector<std::string>{"b2"});
    EXPECT_EQ(run_check(catalog, database_.url()), std::make_pair(0, std::string()));

    postgresql::query(pg_, "ALTER TABLE todos ADD COLUMN note text; DROP INDEX todos_title");
    EXPECT_EQ(check(database_.url(), catalog).problems,
              (std::vector<std::string>{"schema drift: index 'todos_title' is missing from the database",
                                        "schema drift: table 'todos': column 'note' is in the database but no "
                                        "revision creates it"}));
    const auto [code, err] = run_check(catalog, database_.url());
    EXPECT_EQ(code, 3);
    EXPECT_NE(err.find(": schema drift: index 'todos_title' is missing from the database; schema drift: table "
                       "'todos': column 'note' is in the database but no revision creates it\n"),
              std::string::npos)
        << err;

    Options options;
    options.check_schema = false;
    EXPECT_TRUE(check(database_.url(), catalog, options).ok);
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM pg_database WHERE datname LIKE 'migrations\\_scratch\\_" +
                                       std::to_string(::getpid()) + "\\_%'"),
              "0");
}

}  // namespace
}  // namespace migrations
