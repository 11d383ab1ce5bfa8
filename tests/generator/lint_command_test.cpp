// @brief `migrations lint [DIR]`, through the built executable, on the revision sets the CMake
// tests build (tests/cmake/broken/cases/pg_lint, pg_syntax_error): the same findings and
// syntax errors as the build, exit 1 on errors.
#include <gtest/gtest.h>

#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

const std::string kLint = std::string(MIGRATIONS_BROKEN_CASES) + "/pg_lint";
const std::string kFinding =
    kLint +
    "/b2_index.sql:6: warning: [create-index-without-concurrently] CREATE INDEX on existing table users: "
    "CREATE INDEX blocks writes to the table until the index is built; use CREATE INDEX CONCURRENTLY in a "
    "revision of its own with `-- transactional: false`\n";

TEST(LintCommand, PrintsEachFindingAsAWarningAndExitsZero) {
    const ToolRun run = run_tool({"lint", kLint});
    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.err, kFinding);
}

TEST(LintCommand, ExitsOneAtLevelError) {
    const ToolRun run = run_tool({"lint", "--dir", kLint, "--level", "error"});
    EXPECT_EQ(run.code, 1);
    std::string expected = kFinding;
    expected.replace(expected.find(": warning: "), 11, ": error: ");
    EXPECT_EQ(run.err, expected);
}

TEST(LintCommand, LeavesOutTheRevisionsOlderThanSince) {
    const ToolRun run = run_tool({"lint", kLint, "--level", "error", "--since", "c3"});
    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.err, "");
}

TEST(LintCommand, PrintsNothingAtLevelOff) {
    const ToolRun run = run_tool({"lint", kLint, "--level", "off"});
    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.err, "");
}

TEST(LintCommand, LintsNothingWithoutPostgresqlAmongTheDialects) {
    const ToolRun run = run_tool({"lint", kLint, "--dialects", "sqlite"});
    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.err, "");
}

TEST(LintCommand, RejectsAnUnknownLevel) {
    const ToolRun run = run_tool({"lint", kLint, "--level", "loud"});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.err, "migrations lint: error: unknown lint level 'loud' (expected off, warn or error)\n");
}

TEST(LintCommand, RejectsASinceThatIsNotARevision) {
    const ToolRun run = run_tool({"lint", kLint, "--since", "zz"});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.err, "migrations lint: error: the lint's since revision 'zz' is not a revision of the directory\n");
}

TEST(LintCommand, ReportsAPostgresqlSyntaxErrorAtItsLineAndColumnAndExitsOne) {
    const std::string dir = std::string(MIGRATIONS_BROKEN_CASES) + "/pg_syntax_error";
    const ToolRun run = run_tool({"lint", dir});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err, dir + "/a1_first.sql:10:31: error: syntax error at or near \";\"\n");
}

}  // namespace
}  // namespace migrations::generator
