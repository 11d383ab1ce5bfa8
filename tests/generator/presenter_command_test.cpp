// @brief `migrations history|heads|show` and the application's `db history|heads|show`
// (run_cli) print the same revision text for the same catalog and database: both print with
// the runtime's one presenter (runtime/cli/format.hpp).
#include <gtest/gtest.h>

#include <iostream>
#include <migrations/cli.hpp>
#include <migrations/operations.hpp>
#include <sstream>

#include "cli.hpp"
#include "commands/common.hpp"
#include "test_files.hpp"

namespace migrations::generator {
namespace {

using testing_support::revision_text;
using testing_support::TempDir;

struct Printed {
    int code;
    std::string out;
    std::string err;
};

// `migrations ARGS...` in this process.
Printed tool(std::vector<std::string> args) {
    args.insert(args.begin(), "migrations");
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const int code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

// The application's `db ARGS...` (migrations::run_cli over `catalog`), stdout and stderr captured.
Printed app(const Catalog& catalog, std::vector<std::string> args) {
    args.insert(args.begin(), "db");
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    const int code = migrations::run_cli(static_cast<int>(argv.size()), argv.data(), catalog, "");
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

class Presenter : public testing::Test {
protected:
    void SetUp() override {
        dir_.write("migrations/a.sql", revision_text("a1", "none"));
        dir_.write("migrations/b.sql", revision_text("b2", "a1"));
        dir_.write("migrations/c.sql", revision_text("c3", "a1"));
        dir_.write("migrations/d.sql",
                   "-- revision: d4\n-- down_revision: b2, c3\n-- message: merge heads\n"
                   "-- created: 2026-11-23 10:00:00+00:00\n-- branch_labels: main\n\n-- upgrade\nSELECT 4;\n"
                   "-- downgrade\nSELECT 5;\n");
        std::ostringstream ignored;
        loaded_ = load_directory(migrations_dir(), ignored);
        ASSERT_TRUE(loaded_.has_value()) << ignored.str();
        (void)upgrade(url_, loaded_->catalog, "b2");
    }

    std::string migrations_dir() const { return dir_.str() + "/migrations"; }

    TempDir dir_;
    std::string url_ = "sqlite:///" + dir_.str() + "/app.db";
    std::optional<LoadedDirectory> loaded_;
};

TEST_F(Presenter, HistoryPrintsTheSameLinesInTheToolAndTheApplication) {
    const Printed from_tool = tool({"history", "--dir", migrations_dir(), "--database", url_});
    const Printed from_app = app(loaded_->catalog, {"--database", url_, "history"});
    ASSERT_EQ(from_tool.code, 0) << from_tool.err;
    ASSERT_EQ(from_app.code, 0) << from_app.err;
    EXPECT_EQ(from_tool.out, from_app.out);
    std::vector<std::string> lines;
    std::istringstream text(from_app.out);
    for (std::string line; std::getline(text, line);) lines.push_back(line);
    ASSERT_EQ(lines.size(), 4U) << from_app.out;
    EXPECT_EQ(lines[0], "b2, c3 -> d4 (main) (head) (mergepoint), merge heads  [not applied]");
    EXPECT_EQ(lines[1], "a1 -> c3, c3  [not applied]");
    EXPECT_EQ(lines[2].rfind("a1 -> b2 (current), b2  [applied 20", 0), 0U) << lines[2];
    EXPECT_EQ(lines[3].rfind("<base> -> a1 (branchpoint), a1  [applied 20", 0), 0U) << lines[3];
}

TEST_F(Presenter, HistoryVerbosePrintsTheSameBlocksInTheToolAndTheApplication) {
    const Printed from_tool = tool({"history", "-v", "--dir", migrations_dir(), "--database", url_});
    const Printed from_app = app(loaded_->catalog, {"-v", "--database", url_, "history"});
    ASSERT_EQ(from_tool.code, 0) << from_tool.err;
    EXPECT_EQ(from_tool.out, from_app.out);
    EXPECT_EQ(from_app.out.rfind("Rev: d4 (main) (head) (mergepoint)\nMerges: b2, c3\nPath: ", 0), 0U) << from_app.out;
    EXPECT_NE(from_app.out.find("Rev: b2 (current)\nParent: a1\nPath: "), std::string::npos) << from_app.out;
    EXPECT_NE(from_app.out.find("State: not applied\n\n    merge heads\n\n"), std::string::npos) << from_app.out;
}

TEST_F(Presenter, HistoryWithoutADatabasePrintsTheSameLinesWithoutState) {
    const Printed from_tool = tool({"history", "--dir", migrations_dir()});
    EXPECT_EQ(from_tool.out,
              "b2, c3 -> d4 (main) (head) (mergepoint), merge heads\na1 -> c3, c3\na1 -> b2, b2\n"
              "<base> -> a1 (branchpoint), a1\n");
}

TEST_F(Presenter, HeadsVerboseAndShowWithChildrenPrintTheSameTextInTheToolAndTheApplication) {
    const Printed from_tool = tool({"heads", "-v", "--dir", migrations_dir()});
    const Printed from_app = app(loaded_->catalog, {"-v", "heads"});
    ASSERT_EQ(from_app.code, 0) << from_app.err;
    EXPECT_EQ(from_tool.out, from_app.out);
    EXPECT_EQ(from_app.out.rfind("Rev: d4 (main) (head) (mergepoint)\nMerges: b2, c3\nPath: ", 0), 0U) << from_app.out;
    const Printed show_app = app(loaded_->catalog, {"show", "a1"});
    const Printed show_tool = tool({"show", "a1", "--dir", migrations_dir()});
    EXPECT_NE(show_app.out.find("\nChildren: b2, c3\n"), std::string::npos) << show_app.out;
    EXPECT_EQ(show_tool.out.rfind(show_app.out, 0), 0U) << show_tool.out << "\n---\n" << show_app.out;
}

TEST_F(Presenter, JsonOfHistoryHeadsAndShowIsTheSameInTheToolAndTheApplication) {
    EXPECT_EQ(tool({"history", "--format", "json", "--dir", migrations_dir(), "--database", url_}).out,
              app(loaded_->catalog, {"--format", "json", "--database", url_, "history"}).out);
    EXPECT_EQ(tool({"heads", "--format", "json", "--dir", migrations_dir()}).out,
              app(loaded_->catalog, {"--format", "json", "heads"}).out);
    EXPECT_EQ(tool({"show", "main", "--format", "json", "--dir", migrations_dir()}).out,
              app(loaded_->catalog, {"--format", "json", "show", "main"}).out);
}

TEST_F(Presenter, HeadsAndShowPrintTheSameTextInTheToolAndTheApplication) {
    EXPECT_EQ(tool({"heads", "--dir", migrations_dir()}).out, app(loaded_->catalog, {"heads"}).out);
    EXPECT_EQ(app(loaded_->catalog, {"heads"}).out, "d4 (main) (head) (mergepoint), merge heads\n");
    const Printed from_app = app(loaded_->catalog, {"show", "main"});
    const Printed from_tool = tool({"show", "main", "--dir", migrations_dir()});
    ASSERT_EQ(from_app.code, 0) << from_app.err;
    EXPECT_EQ(from_tool.out.rfind(from_app.out, 0), 0U) << from_tool.out << "\n---\n" << from_app.out;
    EXPECT_EQ(from_app.out.rfind("Revision: d4 (head) (mergepoint)\nParent: b2, c3\nBranch labels: main\n", 0), 0U)
        << from_app.out;
}

}  // namespace
}  // namespace migrations::generator
