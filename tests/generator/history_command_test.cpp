// @brief `migrations history`, `heads`, `branches` and `show`, through the built executable, on
// a graph that branches at a1 and merges at d4.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

class GraphCommands : public testing::Test {
protected:
    void SetUp() override {
        dir_.write("a.sql", revision_text("a1", "none"));
        dir_.write("b.sql", revision_text("b2", "a1"));
        dir_.write("c.sql", revision_text("c3", "a1"));
        dir_.write("d.sql",
                   "-- revision: d4\n-- down_revision: b2, c3\n-- message: merge heads\n"
                   "-- created: 2026-11-23 10:00:00+00:00\n-- branch_labels: main\n\n-- upgrade\n\n-- downgrade\n");
        dir_.write("e.sql", revision_text("e5", "d4", "CREATE TABLE e (x INTEGER);\n"));
    }

    ToolRun tool(std::vector<std::string> args) const {
        args.insert(args.end(), {"--dir", dir_.str()});
        return run_tool(args);
    }

    TempDir dir_;
};

TEST_F(GraphCommands, HistoryListsNewestFirstWithBranchAndMergePoints) {
    const ToolRun run = tool({"history"});
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out,
              "d4 -> e5 (head), e5\n"
              "b2, c3 -> d4 (main) (mergepoint), merge heads\n"
              "a1 -> c3, c3\n"
              "a1 -> b2, b2\n"
              "<base> -> a1 (branchpoint), a1\n");
}

TEST_F(GraphCommands, HistoryKeepsTheRevisionsOfARange) {
    EXPECT_EQ(tool({"history", "b2:d4"}).out, "b2, c3 -> d4 (main) (mergepoint), merge heads\na1 -> b2, b2\n");
    EXPECT_EQ(tool({"history", "d:"}).out, "d4 -> e5 (head), e5\nb2, c3 -> d4 (main) (mergepoint), merge heads\n");
    EXPECT_EQ(tool({"history", "base:a1"}).out, "<base> -> a1 (branchpoint), a1\n");
}

TEST_F(GraphCommands, HistoryVerboseShowsParentsChildrenPathAndCreated) {
    const ToolRun run = tool({"history", "--verbose", "main:main"});
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out, "Rev: d4 (main) (mergepoint)\nMerges: b2, c3\nPath: " + dir_.str() +
                           "/d.sql\nCreated: 2026-11-23 10:00:00+00:00\n\n    merge heads\n\n");
}

TEST_F(GraphCommands, HistoryRejectsARangeWithoutColon) {
    const ToolRun run = tool({"history", "b2"});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.err, "migrations history: error: RANGE 'b2' must be FROM:TO (either side may be empty)\n");
}

TEST_F(GraphCommands, HeadsListsTheHead) {
    EXPECT_EQ(tool({"heads"}).out, "e5 (head), e5\n");
    std::filesystem::remove(dir_.path() / "d.sql");
    std::filesystem::remove(dir_.path() / "e.sql");
    EXPECT_EQ(tool({"heads"}).out, "b2 (head), b2\nc3 (head), c3\n");
}

TEST_F(GraphCommands, BranchesListsEachBranchPointWithItsChildren) {
    const ToolRun run = tool({"branches"});
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out, "a1 (branchpoint), a1\n   -> b2, b2\n   -> c3, c3\n");
}

TEST_F(GraphCommands, ShowPrintsParentsChildrenLabelsPathMessageCreatedAndSql) {
    const ToolRun run = tool({"show", "d"});
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.out, "Revision: d4 (mergepoint)\nParent: b2, c3\nBranch labels: main\nFile: " + dir_.str() +
                           "/d.sql\nCreated: 2026-11-23 10:00:00+00:00\nTransactional: yes\nReversible: yes\n"
                           "Message: merge heads\nChildren: e5\n\n-- upgrade\n\n\n-- downgrade\n");
    const ToolRun head = tool({"show", "head"});
    EXPECT_NE(head.out.find("Revision: e5 (head)\n"), std::string::npos) << head.out;
    EXPECT_NE(head.out.find("\n-- upgrade\nCREATE TABLE e (x INTEGER);\n"), std::string::npos) << head.out;
}

TEST_F(GraphCommands, ShowRejectsAnAmbiguousPrefixLikeTheRuntime) {
    dir_.write("f.sql", revision_text("e6", "e5"));
    const ToolRun run = tool({"show", "e"});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err.rfind("migrations show: error: target 'e' is ambiguous: it is a prefix of e5, e6", 0), 0U)
        << run.err;
}

TEST_F(GraphCommands, EveryVerbHasHelp) {
    for (const char* verb : {"init", "revision", "merge", "heads", "branches", "history", "show", "upgrade",
                             "downgrade", "stamp", "repair", "current", "sql", "check", "generate"}) {
        const ToolRun run = run_tool({verb, "--help"});
        EXPECT_EQ(run.code, 0) << verb;
        EXPECT_NE(run.out.find("Usage:"), std::string::npos) << verb << ": " << run.out;
    }
}

}  // namespace
}  // namespace migrations::generator
