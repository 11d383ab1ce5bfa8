// @brief run_cli: verbs, exit codes, where the URL comes from, --help, one-line errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <migrations/migrations.hpp>
#include <migrations/version.hpp>
#include <sstream>

#include "support/cli_capture.hpp"
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

namespace migrations {
namespace {

using testing::Db;
using testing::graph_catalog;
using testing::TempDir;

using Outcome = testing::CliOutcome;

// Runs the command line in this process with std::cout and std::cerr captured.
Outcome cli(const Catalog& catalog, const std::string& default_url, const std::vector<std::string>& args) {
    return testing::run_cli_captured(catalog, default_url, args);
}

std::size_t lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class Cli : public ::testing::Test {
protected:
    void SetUp() override { unsetenv("DATABASE_URL"); }
    void TearDown() override { unsetenv("DATABASE_URL"); }
    TempDir dir_;
    std::string url_ = "sqlite:///" + dir_.file("app.db");
    Catalog catalog_ = graph_catalog("a1:;b2:a1;c3:b2");
};

TEST_F(Cli, PrintsTheRuntimeVersionAndTheCatalogWithVersion) {
    const Outcome shown = cli(catalog_, url_, {"app", "--version"});
    EXPECT_EQ(shown.code, 0);
    EXPECT_EQ(shown.out, "migrations " MIGRATIONS_VERSION_STRING " (catalog format " +
                             std::to_string(MIGRATIONS_CATALOG_FORMAT_VERSION) + ")\ncatalog " +
                             std::string(catalog_.name()) + ": 3 revisions\n");
    EXPECT_EQ(shown.err, "");
    EXPECT_STREQ(runtime_version(), MIGRATIONS_VERSION_STRING);
    EXPECT_EQ(MIGRATIONS_VERSION,
              MIGRATIONS_VERSION_MAJOR * 10000 + MIGRATIONS_VERSION_MINOR * 100 + MIGRATIONS_VERSION_PATCH);
}

TEST_F(Cli, UpgradesAndShowsCurrentAndHistoryForPeople) {
    const Outcome up = cli(catalog_, url_, {"app", "upgrade"});
    EXPECT_EQ(up.code, 0) << up.err;
    EXPECT_EQ(up.out.rfind(url_ + ": upgraded 3 revisions to c3 in ", 0), 0U) << up.out;
    EXPECT_EQ(cli(catalog_, url_, {"app", "upgrade"}).out, url_ + ": already at c3, nothing applied\n");
    const Outcome cur = cli(catalog_, url_, {"app", "current"});
    EXPECT_EQ(cur.code, 0);
    EXPECT_EQ(cur.out.rfind("c3 (head)  revision c3  applied 20", 0), 0U) << cur.out;
    (void)cli(catalog_, url_, {"app", "downgrade", "-1"});
    const Outcome hist = cli(catalog_, url_, {"app", "history"});
    EXPECT_EQ(hist.code, 0);
    std::istringstream text(hist.out);
    std::string first;
    std::string second;
    std::getline(text, first);
    std::getline(text, second);
    EXPECT_EQ(first, "b2 -> c3 (head), revision c3  [not applied]");
    EXPECT_EQ(second.rfind("a1 -> b2 (current), revision b2  [applied 20", 0), 0U) << second;
}

TEST_F(Cli, TakesTheDatabaseBeforeOrAfterTheVerb) {
    const std::string other = "sqlite:///" + dir_.file("other.db");
    EXPECT_EQ(cli(catalog_, url_, {"app", "--database", other, "upgrade", "a1"}).code, 0);
    EXPECT_EQ(cli(catalog_, url_, {"app", "upgrade", "b2", "--database", other}).code, 0);
    EXPECT_EQ(current(other, catalog_), std::vector<std::string>{"b2"});
    EXPECT_EQ(cli(catalog_, url_, {"app", "upgrade", "--database=" + other}).code, 0);
    EXPECT_EQ(current(other, catalog_), std::vector<std::string>{"c3"});
    EXPECT_FALSE(std::filesystem::exists(dir_.file("app.db")));  // the default was never opened
}

TEST_F(Cli, SuggestsARecoveryThatReachesTheDatabaseItWasGivenAndThenStarts) {
    // A newer build (d4 on top) migrated another database; this build refuses it and says how
    // to come back, naming that database: the command runs as it is, and this build then starts.
    const std::string other = "sqlite:///" + dir_.file("other.db");
    const Catalog newer = graph_catalog("a1:;b2:a1;c3:b2;d4:c3");
    ASSERT_EQ(cli(newer, url_, {"app", "upgrade", "--database", other}).code, 0);
    const Outcome refused = cli(catalog_, url_, {"app", "upgrade", "--database", other});
    EXPECT_EQ(refused.code, 1);
    const std::string hint = "`app downgrade c3 --database " + other + "`";
    ASSERT_NE(refused.err.find("run " + hint + " with the build that knows them"), std::string::npos) << refused.err;

    EXPECT_EQ(cli(newer, url_, {"app", "downgrade", "c3", "--database", other}).code, 0);
    const Outcome started = cli(catalog_, url_, {"app", "upgrade", "--database", other});
    EXPECT_EQ(started.code, 0) << started.err;
    EXPECT_EQ(started.out, other + ": already at c3, nothing applied\n");
    // Without --database the hint names none: the same default reaches the same database.
    ASSERT_EQ(cli(newer, url_, {"app", "upgrade"}).code, 0);
    EXPECT_NE(cli(catalog_, url_, {"app", "upgrade"}).err.find("run `app downgrade c3` with"), std::string::npos);
}

TEST_F(Cli, FallsBackToDatabaseUrlThenToTheDefault) {
    const std::string env_url = "sqlite:///" + dir_.file("env.db");
    setenv("DATABASE_URL", env_url.c_str(), 1);
    EXPECT_EQ(cli(catalog_, url_, {"app", "upgrade"}).code, 0);
    EXPECT_EQ(current(env_url, catalog_), std::vector<std::string>{"c3"});
    unsetenv("DATABASE_URL");
    EXPECT_EQ(cli(catalog_, url_, {"app", "upgrade", "a1"}).code, 0);
    EXPECT_EQ(current(url_, catalog_), std::vector<std::string>{"a1"});
}

TEST_F(Cli, ReadsTheEnvironmentVariableTheApplicationChooses) {
    const std::string audit_url = "sqlite:///" + dir_.file("audit.db");
    const std::string main_url = "sqlite:///" + dir_.file("main.db");
    setenv("AUDIT_DATABASE_URL", audit_url.c_str(), 1);
    setenv("DATABASE_URL", main_url.c_str(), 1);
    std::vector<const char*> argv = {"audit", "upgrade"};
    CliSettings settings;
    settings.url_environment_variable = "AUDIT_DATABASE_URL";
    std::ostringstream out;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    const int code = run_cli(2, argv.data(), catalog_, url_, settings);
    settings.url_environment_variable = nullptr;  // none: the default
    const int default_code = run_cli(2, argv.data(), catalog_, url_, settings);
    std::cout.rdbuf(old_out);
    unsetenv("AUDIT_DATABASE_URL");
    EXPECT_EQ(code, 0);
    EXPECT_EQ(default_code, 0);
    EXPECT_EQ(current(audit_url, catalog_), std::vector<std::string>{"c3"});
    EXPECT_EQ(current(url_, catalog_), std::vector<std::string>{"c3"});
    EXPECT_FALSE(std::filesystem::exists(dir_.file("main.db")));  // DATABASE_URL was not read
}

TEST_F(Cli, AcceptsSqlalchemyUrlsWithOneNote) {
    const std::string path = dir_.file("alchemy.db");
    const Outcome up = cli(catalog_, url_, {"app", "--database", "sqlite+pysqlite:///" + path, "upgrade"});
    EXPECT_EQ(up.code, 0) << up.err;
    EXPECT_EQ(up.err.rfind("app: note: ignoring the SQLAlchemy driver 'pysqlite' of 'sqlite+pysqlite:///" + path +
                               "'; migrations connects with SQLite\n",
                           0),
              0U)
        << up.err;
    EXPECT_EQ(current("sqlite:///" + path, catalog_), std::vector<std::string>{"c3"});
    const Outcome cur = cli(catalog_, url_, {"app", "--database", "sqlite+pysqlite:///" + path, "current"});
    EXPECT_EQ(cur.err, "app: note: ignoring the SQLAlchemy driver 'pysqlite' of 'sqlite+pysqlite:///" + path +
                           "'; migrations connects with SQLite\n");
}

TEST_F(Cli, PrintsHelpForEveryVerb) {
    for (const char* verb :
         {"upgrade", "downgrade", "stamp", "repair", "current", "history", "heads", "show", "status", "sql"}) {
        const Outcome help = cli(catalog_, url_, {"app", verb, "--help"});
        EXPECT_EQ(help.code, 0) << verb;
        EXPECT_NE(help.out.find(std::string("app ") + verb), std::string::npos) << help.out;
        EXPECT_TRUE(help.err.empty()) << help.err;
    }
    const Outcome old_name = cli(catalog_, url_, {"app", "check", "--help"});  // `check` is status's old name
    EXPECT_EQ(old_name.code, 0);
    EXPECT_NE(old_name.out.find("Usage: app status"), std::string::npos) << old_name.out;
    const Outcome top = cli(catalog_, url_, {"app", "--help"});
    EXPECT_EQ(top.code, 0);
    EXPECT_NE(top.out.find("downgrade"), std::string::npos);
}

TEST_F(Cli, ReportsErrorsInOneLineWithANonZeroExit) {
    struct Case {
        std::vector<std::string> args;
        int code;
        std::string err;
    };
    const std::vector<Case> cases = {
        {{"app", "upgrade", "zz"},
         1,
         "app: error: unknown target 'zz': no revision id, id prefix or branch label matches it\n"},
        {{"app", "--database", "postgresql://u:pw@h/db", "current"},
         1,
         "app: error: URL 'postgresql://u:***@h/db' needs the PostgreSQL backend, which this binary was built "
         "without; link it: find_package(Migrations COMPONENTS postgresql) or add_migrations(<target> ... "
         "DIALECTS sqlite postgresql)\n"},
        {{"app", "--database", "nonsense", "current"},
         1,
         "app: error: bad database URL 'nonsense': expected scheme://..., e.g. sqlite:///app.db or "
         "postgresql://user@host/db\n"},
        {{"app", "downgrade"}, 2, "app: target is required (see app --help)\n"},
        {{"app", "frobnicate"},
         2,
         "app: unknown command 'frobnicate'; expected one of upgrade, downgrade, stamp, repair, current, history, "
         "heads, show, status, sql (see app --help)\n"},
        {{"app", "histroy"},
         2,
         "app: unknown command 'histroy' (did you mean 'history'?); expected one of upgrade, downgrade, stamp, "
         "repair, current, history, heads, show, status, sql (see app --help)\n"},
        {{"app"}, 2, "app: A subcommand is required (see app --help)\n"},
    };
    for (const Case& c : cases) {
        const Outcome outcome = cli(catalog_, url_, c.args);
        EXPECT_EQ(outcome.code, c.code) << c.args.back();
        EXPECT_EQ(outcome.err, c.err);
        EXPECT_EQ(lines(outcome.err), 1U);
    }
}

// A database altered by hand (a column and an index no revision creates, a dropped column)
// is reported by `check`, compared with the schema the applied revisions produce.
TEST_F(Cli, CheckReportsASchemaAlteredByHand) {
    testing::CatalogBuilder builder;
    builder.add("a1")
        .up("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0);")
        .down("DROP TABLE todos;");
    builder.add("b2", {"a1"}).up("CREATE INDEX todos_done ON todos (done);").down("DROP INDEX todos_done;");
    const Catalog catalog = builder.build();
    ASSERT_EQ(cli(catalog, url_, {"app", "upgrade"}).code, 0);
    const Outcome clean = cli(catalog, url_, {"app", "check"});
    EXPECT_EQ(clean.code, 0) << clean.err;

    {
        Db db(dir_.file("app.db"));
        db.exec("ALTER TABLE todos ADD COLUMN note TEXT; CREATE INDEX todos_title ON todos (title);");
    }
    const Outcome added = cli(catalog, url_, {"app", "check"});
    EXPECT_EQ(added.code, 3);
    EXPECT_EQ(added.err, "app: check failed for " + url_ +
                             ": schema drift: table 'todos': column 'note' is in the database but no revision "
                             "creates it; schema drift: index 'todos_title' is in the database but no revision "
                             "creates it\n");

    {
        Db db(dir_.file("app.db"));
        db.exec("DROP INDEX todos_title; ALTER TABLE todos DROP COLUMN note; DROP INDEX todos_done;");
    }
    const Outcome dropped = cli(catalog, url_, {"app", "check"});
    EXPECT_EQ(dropped.code, 3);
    EXPECT_EQ(dropped.err,
              "app: check failed for " + url_ + ": schema drift: index 'todos_done' is missing from the database\n");
}

// CliSettings::drift_exclude reaches `check`: a matching unmanaged table is not drift, another
// one is; a bad pattern is a one-line error.
TEST_F(Cli, CheckLeavesOutTheObjectsOfDriftExclude) {
    testing::CatalogBuilder builder;
    builder.add("a1").up("CREATE TABLE todos (id INTEGER PRIMARY KEY);").down("DROP TABLE todos;");
    const Catalog catalog = builder.build();
    ASSERT_EQ(cli(catalog, url_, {"app", "upgrade"}).code, 0);
    {
        Db db(dir_.file("app.db"));
        db.exec("CREATE TABLE audit_events (x); CREATE TABLE notes (x);");
    }
    CliSettings settings;
    settings.drift_exclude = {"audit_*"};
    const Outcome checked = testing::run_cli_captured(catalog, url_, {"app", "check"}, settings);
    EXPECT_EQ(checked.code, 3);
    EXPECT_EQ(checked.err, "app: check failed for " + url_ +
                               ": schema drift: table 'notes' is in the database but no revision creates it\n");
    settings.drift_exclude = {"audit_*", "notes"};
    EXPECT_EQ(testing::run_cli_captured(catalog, url_, {"app", "check"}, settings).code, 0);
    settings.drift_exclude = {"main.notes"};
    const Outcome bad = testing::run_cli_captured(catalog, url_, {"app", "check"}, settings);
    EXPECT_EQ(bad.code, 1);
    EXPECT_EQ(bad.err,
              "app: error: invalid drift_exclude pattern 'main.notes': patterns are not schema-qualified (the "
              "drift check reads one schema); write 'notes'\n");
}

// Only the applied revisions count: a database at a1 has no index to miss, and its drift is
// reported alongside the revisions not applied.
TEST_F(Cli, CheckComparesWithTheAppliedRevisionsOnly) {
    testing::CatalogBuilder builder;
    builder.add("a1").up("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT);").down("DROP TABLE todos;");
    builder.add("b2", {"a1"}).up("CREATE INDEX todos_title ON todos (title);").down("DROP INDEX todos_title;");
    const Catalog catalog = builder.build();
    ASSERT_EQ(cli(catalog, url_, {"app", "upgrade", "a1"}).code, 0);
    const Outcome at_a1 = cli(catalog, url_, {"app", "check"});
    EXPECT_EQ(at_a1.err, "app: check failed for " + url_ + ": 1 revision(s) not applied: b2\n");
    {
        Db db(dir_.file("app.db"));
        db.exec("ALTER TABLE todos ADD COLUMN due TEXT;");
    }
    const Outcome drifted = cli(catalog, url_, {"app", "check"});
    EXPECT_EQ(drifted.code, 3);
    EXPECT_EQ(drifted.err, "app: check failed for " + url_ +
                               ": 1 revision(s) not applied: b2; schema drift: table 'todos': column 'due' is in the "
                               "database but no revision creates it\n");
}

TEST_F(Cli, CheckExitsZeroOnlyAtHead) {
    { Db empty(dir_.file("app.db")); }  // check reads a database, never creates one
    const Outcome before = cli(catalog_, url_, {"app", "check"});
    EXPECT_EQ(before.code, 3);
    EXPECT_EQ(before.err, "app: check failed for " + url_ + ": 3 revision(s) not applied: a1, b2, c3\n");
    (void)cli(catalog_, url_, {"app", "upgrade"});
    const Outcome after = cli(catalog_, url_, {"app", "check"});
    EXPECT_EQ(after.code, 0);
    EXPECT_EQ(after.out, url_ + ": at head, nothing modified\n");
}

// `status` is the name of the database check; `check`, its old name, does the same.
TEST_F(Cli, StatusIsTheDatabaseCheckAndCheckItsOldName) {
    (void)cli(catalog_, url_, {"app", "upgrade", "b2"});
    const Outcome status = cli(catalog_, url_, {"app", "status"});
    EXPECT_EQ(status.code, 3);
    EXPECT_EQ(status.err, "app: check failed for " + url_ + ": 1 revision(s) not applied: c3\n");
    const Outcome check = cli(catalog_, url_, {"app", "check"});
    EXPECT_EQ(check.code, status.code);
    EXPECT_EQ(check.err, status.err);
    (void)cli(catalog_, url_, {"app", "upgrade"});
    EXPECT_EQ(cli(catalog_, url_, {"app", "status"}).out, url_ + ": at head, nothing modified\n");
}

TEST_F(Cli, WorksNestedUnderTheApplicationsOwnCommand) {
    // `todo db stamp b2` -> run_cli(argc - 1, argv + 1): argv[0] is "db".
    const Outcome outcome = cli(catalog_, url_, {"db", "stamp", "b2"});
    EXPECT_EQ(outcome.code, 0) << outcome.err;
    EXPECT_EQ(outcome.out, url_ + ": stamped, now at b2\n");
    EXPECT_EQ(cli(catalog_, url_, {"db", "upgrade", "x"}).err.rfind("db: error: ", 0), 0U);
}

TEST_F(Cli, ShowsHeadsRevisionsAndTheOfflineScript) {
    EXPECT_EQ(cli(catalog_, url_, {"app", "heads"}).out, "c3 (head), revision c3\n");
    const Outcome show = cli(catalog_, url_, {"app", "show", "b"});
    EXPECT_EQ(show.out,
              "Revision: b2\nParent: a1\nFile: migrations/b2.sql\nTransactional: yes\nReversible: yes\n"
              "Message: revision b2\nChildren: c3\n");
    const Outcome script = cli(catalog_, url_, {"app", "sql", "a1:head"});
    EXPECT_EQ(script.code, 0);
    EXPECT_EQ(script.out.find("CREATE TABLE t_a1"), std::string::npos);
    EXPECT_NE(script.out.find("CREATE TABLE t_b2"), std::string::npos);
}

TEST_F(Cli, SaysOnStderrWhatEachRevisionIsAboutToDoUnlessQuiet) {
    const Outcome verbose = cli(catalog_, url_, {"app", "-v", "upgrade", "b2"});
    EXPECT_EQ(verbose.code, 0);
    EXPECT_EQ(
        verbose.err.find("app: 2 revision(s) to run\napp: running upgrade a1 (revision a1)\napp: upgrade a1 done in "),
        0U)
        << verbose.err;
    EXPECT_NE(verbose.err.find("app: committed (through b2)\n"), std::string::npos) << verbose.err;
    const Outcome normal = cli(catalog_, url_, {"app", "upgrade"});
    EXPECT_EQ(normal.err, "app: running upgrade c3 (revision c3)\n");
    EXPECT_EQ(normal.out.find(url_ + ": upgraded 1 revision to c3 in "), 0U) << normal.out;
    const Outcome quiet = cli(catalog_, url_, {"app", "-q", "downgrade", "base"});
    EXPECT_EQ(quiet.code, 0);
    EXPECT_EQ(quiet.err, "");
    const Outcome per_revision = cli(catalog_, url_, {"app", "-v", "--transaction-per-revision", "upgrade"});
    EXPECT_EQ(per_revision.code, 0);
    EXPECT_NE(per_revision.err.find("app: committed (through a1)\napp: running upgrade b2"), std::string::npos)
        << per_revision.err;
}

}  // namespace
}  // namespace migrations
