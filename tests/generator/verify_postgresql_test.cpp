// @brief `migrations verify --database` on the test cluster: the PostgreSQL sections replayed
// up, down and up in a scratch database; the example project's revisions verify there.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

std::string cluster_url() {
    const char* file = std::getenv("MIGRATIONS_TEST_POSTGRESQL_URL_FILE");
    std::string url = file == nullptr ? "" : slurp(file);
    while (!url.empty() && url.back() == '\n') url.pop_back();
    return url;
}

const std::string kUpgrade =
    "-- revision: a1\n-- down_revision: none\n-- message: todos\n\n"
    "-- upgrade\nCREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT);\n"
    "CREATE INDEX todos_title ON todos (title);\n\n"
    "-- downgrade\nDROP TABLE todos;\n\n"
    "-- downgrade: postgresql\n";

// The example's C++ revision (e4f6a8b0c2d4_normalise_titles.cpp) is counted apart: the tool never runs it, and
// names the test that does.
const std::string kCppNotRun =
    "; 1 C++ revision not run here, taken as leaving the schema as it was (the tool never runs consumer code; "
    "add_migrations(... VERIFY) builds the test <NAME>_verify, which CTest runs, to verify C++ revisions)\n";

TEST(VerifyOnPostgresql, VerifiesTheExampleProjectsRevisions) {
    ASSERT_FALSE(cluster_url().empty()) << "run through ctest, which starts the cluster";
    const ToolRun run = run_tool({"verify", MIGRATIONS_EXAMPLE_DIR, "--database", cluster_url()});
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out,
              "3 revisions verified on SQLite: upgrade, downgrade and upgrade again each restore the schema" +
                  kCppNotRun +
                  "3 revisions verified on PostgreSQL: upgrade, downgrade and upgrade again each restore the schema" +
                  kCppNotRun);
}

TEST(VerifyOnPostgresql, NamesWhatAPostgresqlDowngradeDoesNotRestore) {
    TempDir dir;
    dir.write("migrations/a1_todos.sql", kUpgrade + "DROP INDEX todos_title;\n");
    const ToolRun run = run_tool_in(dir.path(), {"verify", "--database", cluster_url()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err,
              "migrations/a1_todos.sql:12: error: downgrade of a1 does not restore the schema: table 'todos' "
              "is still present\n");
}

TEST(VerifyOnPostgresql, ReportsAFailingPostgresqlStatementAtItsLine) {
    TempDir dir;
    dir.write("migrations/a1_todos.sql", kUpgrade + "DROP TABLE todos;\nDROP TABLE todos;\n");
    const ToolRun run = run_tool_in(dir.path(), {"verify", "--database", cluster_url()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err, "migrations/a1_todos.sql:14: error: downgrade of a1 failed: table \"todos\" does not exist\n");
}

TEST(VerifyOnPostgresql, SaysItSkippedPostgresqlWhenTheVariableIsUnset) {
    const ToolRun run = run_tool({"verify", MIGRATIONS_EXAMPLE_DIR, "--database", "MIGRATIONS_VERIFY_DATABASE"},
                                 "-u MIGRATIONS_VERIFY_DATABASE");
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out,
              "3 revisions verified on SQLite: upgrade, downgrade and upgrade again each restore the schema" +
                  kCppNotRun +
                  "VERIFY on PostgreSQL skipped: environment variable MIGRATIONS_VERIFY_DATABASE is not set (SQLite is "
                  "still verified when asked)\n");
}

TEST(VerifyOnPostgresql, ReadsTheUrlFromTheVariableItNames) {
    const ToolRun run = run_tool({"verify", MIGRATIONS_EXAMPLE_DIR, "--database", "MY_DEV_DB"},
                                 "MY_DEV_DB=" + shell_quote(cluster_url()));
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_NE(run.out.find("3 revisions verified on PostgreSQL"), std::string::npos) << run.out;
}

TEST(VerifyOnPostgresql, ReportsAServerItCannotReach) {
    TempDir dir;
    dir.write("migrations/a1_todos.sql", kUpgrade + "DROP TABLE todos;\n");
    const ToolRun run = run_tool_in(dir.path(), {"verify", "--database", "postgresql://nobody:secret@127.0.0.1:1/x"});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err.rfind("migrations/a1_todos.sql:1: error: verification on PostgreSQL stopped: cannot connect to "
                            "postgresql://nobody:***@127.0.0.1:1/x: ",
                            0),
              0u)
        << run.err;
    EXPECT_EQ(run.err.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace migrations::generator
