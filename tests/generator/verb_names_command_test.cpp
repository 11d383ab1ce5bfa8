// @brief The tool's command-line edges, through the built executable: a misspelt verb named
// with the closest one, one meaning per verb name (validate / status, `check` kept as the old
// name of validate), no revisions directory, and connection errors on one line.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

TEST(VerbNames, AMisspeltVerbIsNamedWithTheClosestVerb) {
    const ToolRun run = run_tool({"histroy"});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err,
              "migrations: error: unknown command 'histroy' (did you mean 'history'?); see migrations --help\n");
    const ToolRun swapped = run_tool({"hedas"});
    EXPECT_EQ(swapped.err,
              "migrations: error: unknown command 'hedas' (did you mean 'heads'?); see migrations --help\n");
    const ToolRun far = run_tool({"frobnicate", "--dir", "x"});
    EXPECT_EQ(far.code, 2);
    EXPECT_EQ(far.err, "migrations: error: unknown command 'frobnicate'; see migrations --help\n");
}

TEST(VerbNames, ValidateChecksADirectoryAndCheckStaysItsOldName) {
    const TempDir dir;
    dir.write("migrations/a.sql", revision_text("a1", "none"));
    const ToolRun validate = run_tool_in(dir.path(), {"validate"});
    EXPECT_EQ(validate.code, 0) << validate.err;
    EXPECT_EQ(validate.out, "1 revision, head a1\n");
    const ToolRun check = run_tool_in(dir.path(), {"check"});
    EXPECT_EQ(check.code, 0) << check.err;
    EXPECT_EQ(check.out, validate.out);
    const ToolRun help = run_tool({"--help"});
    EXPECT_NE(help.out.find("validate"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("status"), std::string::npos) << help.out;
}

TEST(VerbNames, StatusChecksADatabaseAsTheApplicationsStatusDoes) {
    const TempDir dir;
    dir.write("migrations/a.sql", revision_text("a1", "none"));
    const std::string url = "sqlite:///" + (dir.path() / "app.db").string();
    ASSERT_EQ(run_tool_in(dir.path(), {"upgrade", "--database", url}).code, 0);
    const ToolRun status = run_tool_in(dir.path(), {"status", "--database", url});
    EXPECT_EQ(status.code, 0) << status.err;
    EXPECT_EQ(status.out, url + ": at head, nothing modified\n");
    dir.write("migrations/b.sql", revision_text("b2", "a1"));
    const ToolRun behind = run_tool_in(dir.path(), {"status", "--database", url});
    EXPECT_EQ(behind.code, 3);
    EXPECT_EQ(behind.err, "migrations: check failed for " + url + ": 1 revision(s) not applied: b2\n");
}

TEST(VerbNames, OutsideAProjectEveryVerbSaysThereIsNoMigrationsDirectory) {
    const TempDir dir;
    const std::string expected = "migrations: error: no migrations/ directory in " + dir.path().string() +
                                 "; run `migrations init` to create one, or give the revisions directory with "
                                 "--dir DIR (or $MIGRATIONS_DIR)\n";
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"heads"},
                                               {"history"},
                                               {"show", "head"},
                                               {"validate"},
                                               {"check"},
                                               {"revision", "-m", "x"},
                                               {"merge", "-m", "x"},
                                               {"branches"},
                                               {"lint"},
                                               {"verify"},
                                               {"sql", "head"},
                                               {"autogenerate", "-m", "x", "--schema", "schema.sql"},
                                               {"current", "--database", "sqlite:///x.db"}}) {
        const ToolRun run = run_tool_in(dir.path(), args);
        EXPECT_EQ(run.code, 1) << args[0];
        EXPECT_EQ(run.err, expected) << args[0];
    }
    const ToolRun given = run_tool_in(dir.path(), {"heads", "--dir", "db/revisions"});
    EXPECT_EQ(given.code, 1);
    EXPECT_EQ(given.err,
              "migrations: error: no directory 'db/revisions'; run `migrations init db/revisions` to "
              "create it, or give the revisions directory with --dir DIR (or $MIGRATIONS_DIR)\n");
}

TEST(VerbNames, AConnectionErrorIsOneLine) {
    const TempDir dir;
    dir.write("migrations/a.sql", revision_text("a1", "none"));
    const ToolRun missing =
        run_tool_in(dir.path(), {"current", "--database", "sqlite:///" + (dir.path() / "none.db").string()});
    EXPECT_EQ(missing.code, 1);
    EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
    EXPECT_EQ(missing.err.rfind("migrations: error: cannot open sqlite:///", 0), 0U) << missing.err;
}

}  // namespace
}  // namespace migrations::generator
