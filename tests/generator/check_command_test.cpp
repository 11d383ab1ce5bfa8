// @brief `migrations check`, through the built executable, on the broken revision sets the
// CMake tests build (tests/cmake/broken/cases): the same diagnostics as the build, exit 1.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

struct BrokenCase {
    const char* name;
    /// The whole diagnostic after "<dir>/"; "$D" stands for <dir> inside it.
    const char* diagnostic;
};

class CheckCommandOnBrokenCase : public testing::TestWithParam<BrokenCase> {};

TEST_P(CheckCommandOnBrokenCase, PrintsTheBuildsDiagnosticAndExitsOne) {
    const std::string dir = std::string(MIGRATIONS_BROKEN_CASES) + "/" + GetParam().name;
    std::string expected = dir + "/" + GetParam().diagnostic + "\n";
    for (std::size_t at = expected.find("$D"); at != std::string::npos; at = expected.find("$D")) {
        expected.replace(at, 2, dir);
    }
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"check", dir}, std::vector<std::string>{"check", "--dir", dir}}) {
        const ToolRun run = run_tool(args);
        EXPECT_EQ(run.code, 1);
        EXPECT_EQ(run.out, "");
        EXPECT_NE(run.err.find(expected), std::string::npos) << run.err;
    }
}

INSTANTIATE_TEST_SUITE_P(
    EveryBrokenSet, CheckCommandOnBrokenCase,
    testing::Values(
        BrokenCase{"bad_id",
                   "a1_first.sql:1: error: invalid revision id 'a-1' in 'revision': use only letters, digits and '_'"},
        BrokenCase{"cycle", "b2_second.sql:2: error: cycle in the revision graph: b2 -> c3 -> b2"},
        BrokenCase{"duplicate_id",
                   "a1_first.sql:1: error: duplicate revision id 'a1' (also defined in $D/a1_again.sql:1)"},
        BrokenCase{"empty_upgrade",
                   "a1_first.sql:5: error: section '-- upgrade' is empty: an upgrade must contain SQL"},
        BrokenCase{"missing_downgrade",
                   "a1_first.sql:1: error: missing '-- downgrade' section (write '-- downgrade: irreversible' for a "
                   "revision that cannot be undone)"},
        BrokenCase{"missing_message", "a1_first.sql:1: error: missing required header 'message'"},
        BrokenCase{"missing_parent",
                   "b2_second.sql:2: error: unknown revision 'a1x' in 'down_revision'; did you mean 'a1'?"},
        BrokenCase{"self_parent", "b2_second.sql:2: error: revision 'b2' is its own parent"},
        BrokenCase{"two_heads",
                   "b2_left.sql:1: error: more than one head: 'b2' ($D/b2_left.sql:1), 'c3' ($D/c3_right.sql:1); run "
                   "`migrations merge -m \"merge heads\" --dir $D` to join them"},
        BrokenCase{"two_roots",
                   "a1_first.sql:2: error: more than one root revision (down_revision: none): 'a1' "
                   "($D/a1_first.sql:2), 'b2' ($D/b2_other.sql:2)"},
        BrokenCase{"unknown_key",
                   "a1_first.sql:4: error: unknown header key 'down_revison'; did you mean 'down_revision'?"}),
    [](const testing::TestParamInfo<BrokenCase>& info) {
        std::string name;
        bool upper = true;
        for (const char* c = info.param.name; *c != '\0'; ++c) {
            if (*c == '_') {
                upper = true;
            } else {
                name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*c))) : *c;
                upper = false;
            }
        }
        return name;
    });

TEST(CheckCommand, AcceptsTheValidSetAndPrintsASummary) {
    const std::string dir = std::string(MIGRATIONS_BROKEN_CASES) + "/linear";
    const ToolRun run = run_tool({"check", dir});
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out, "2 revisions, head b2\n");
}

TEST(CheckCommand, ReadsMigrationsDirWhenNoDirIsGiven) {
    const ToolRun run =
        run_tool({"check"}, "MIGRATIONS_DIR=" + shell_quote(std::string(MIGRATIONS_BROKEN_CASES) + "/linear"));
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out, "2 revisions, head b2\n");
}

TEST(CheckCommand, ReportsAMissingDirectory) {
    const TempDir dir;
    const ToolRun run = run_tool_in(dir.path(), {"check"});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err, "migrations: error: no migrations/ directory in " + dir.path().string() +
                           "; run `migrations init` to create one, or give the revisions directory with --dir DIR "
                           "(or $MIGRATIONS_DIR)\n");
}

}  // namespace
}  // namespace migrations::generator
