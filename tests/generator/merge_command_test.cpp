// @brief `migrations merge`, through the built executable.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

class MergeCommand : public testing::Test {
protected:
    void SetUp() override {
        dir_.write("a.sql", revision_text("a1a1a1", "none"));
        dir_.write("b.sql", revision_text("b2b2b2", "a1a1a1"));
        dir_.write("c.sql", revision_text("c3c3c3", "a1a1a1"));
    }
    TempDir dir_;
};

TEST_F(MergeCommand, JoinsEveryHeadIntoOneValidRevision) {
    const ToolRun run = run_tool({"merge", "-m", "merge heads", "--dir", dir_.str()});
    ASSERT_EQ(run.code, 0) << run.err;
    const std::string text = slurp(printed_path(run));
    EXPECT_NE(text.find("-- down_revision: b2b2b2, c3c3c3\n"), std::string::npos) << text;
    EXPECT_NE(text.find("-- message: merge heads\n"), std::string::npos) << text;
    const ToolRun check = run_tool({"check", dir_.str()});
    EXPECT_EQ(check.code, 0) << check.err;
    EXPECT_EQ(check.out, "4 revisions, head " + text.substr(13, 12) + "\n");
}

TEST_F(MergeCommand, JoinsTheRevisionsGivenByUniquePrefix) {
    dir_.write("d.sql", revision_text("d4d4d4", "a1a1a1"));
    const ToolRun run = run_tool({"merge", "-m", "two of three", "b2", "d4", "--dir", dir_.str()});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NE(slurp(printed_path(run)).find("-- down_revision: b2b2b2, d4d4d4\n"), std::string::npos);
    const ToolRun heads = run_tool({"heads", "--dir", dir_.str()});
    EXPECT_EQ(lines(heads.out).size(), 2U) << heads.out;
}

TEST_F(MergeCommand, RefusesWhenThereIsNothingToMerge) {
    std::filesystem::remove(dir_.path() / "c.sql");
    const ToolRun run = run_tool({"merge", "-m", "merge heads", "--dir", dir_.str()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err, "migrations merge: error: nothing to merge: the revisions have 1 head\n");
}

TEST_F(MergeCommand, RejectsARevisionThatDoesNotExist) {
    const ToolRun run = run_tool({"merge", "-m", "m", "b2", "zz", "--dir", dir_.str()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err.rfind("migrations merge: error: unknown target 'zz'", 0), 0U) << run.err;
}

}  // namespace
}  // namespace migrations::generator
