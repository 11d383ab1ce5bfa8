// @brief `migrations revision`, through the built executable: ids, parents, the file it
// writes, and its refusals.
#include <gtest/gtest.h>

#include <regex>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

class RevisionCommand : public testing::Test {
protected:
    /// `migrations revision -m MESSAGE --dir DIR EXTRA...`; expects success, returns the path.
    std::filesystem::path revision(const std::string& message, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"revision", "-m", message, "--dir", dir_.str()};
        args.insert(args.end(), extra.begin(), extra.end());
        const ToolRun run = run_tool(args);
        EXPECT_EQ(run.code, 0) << run.err;
        EXPECT_EQ(run.err, "");
        return printed_path(run);
    }

    std::string header(const std::filesystem::path& path, const std::string& key) const {
        std::smatch match;
        const std::string text = slurp(path);
        return std::regex_search(text, match, std::regex("-- " + key + ": ([^\n]*)\n")) ? match[1].str() : "";
    }

    TempDir dir_;
};

TEST_F(RevisionCommand, WritesARootRevisionWithAFreshIdTheMessageAndTheTime) {
    const std::filesystem::path path = revision("Add email to users!");
    const std::string id = header(path, "revision");
    EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{12}"))) << id;
    EXPECT_EQ(path, dir_.path() / (id + "_add_email_to_users.sql"));
    EXPECT_EQ(header(path, "down_revision"), "none");
    EXPECT_EQ(header(path, "message"), "Add email to users!");
    EXPECT_TRUE(
        std::regex_match(header(path, "created"),
                         std::regex("20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]\\+00:00")));
}

TEST_F(RevisionCommand, WritesAFileThatParsesAndAsksForTheUpgradeSql) {
    const std::filesystem::path path = revision("create users");
    const ToolRun check = run_tool({"check", dir_.str()});
    EXPECT_EQ(check.code, 1);
    EXPECT_EQ(check.err, path.string() + ":6: error: section '-- upgrade' is empty: an upgrade must contain SQL\n");
    fill_upgrade(path, "CREATE TABLE users (id INTEGER PRIMARY KEY);");
    EXPECT_EQ(run_tool({"check", dir_.str()}).code, 0);
}

TEST_F(RevisionCommand, ChainsEachRevisionOnTheCurrentHead) {
    std::vector<std::string> ids;
    for (const char* message : {"one", "two", "three"}) {
        const std::filesystem::path path = revision(message);
        EXPECT_EQ(header(path, "down_revision"), ids.empty() ? "none" : ids.back());
        ids.push_back(header(path, "revision"));
        fill_upgrade(path, std::string("CREATE TABLE t_") + message + " (id INTEGER);");
    }
    const ToolRun check = run_tool({"check", "--dir", dir_.str()});
    EXPECT_EQ(check.code, 0) << check.err;
    EXPECT_EQ(check.out, "3 revisions, head " + ids.back() + "\n");
}

TEST_F(RevisionCommand, ChainsOnARevisionWhoseUpgradeIsStillEmpty) {
    const std::string first = header(revision("one"), "revision");
    const std::filesystem::path second = revision("two");
    EXPECT_EQ(header(second, "down_revision"), first);
    const ToolRun history = run_tool({"history", "--dir", dir_.str()});
    EXPECT_EQ(history.code, 0) << history.err;
    EXPECT_EQ(history.out,
              first + " -> " + header(second, "revision") + " (head), two\n<base> -> " + first + ", one\n");
    EXPECT_EQ(run_tool({"check", dir_.str()}).code, 1);
}

TEST_F(RevisionCommand, RefusesWhenThereAreTwoHeadsAndPointsAtAMergeThatRunsAsItIsSpelt) {
    dir_.write("a.sql", revision_text("a1", "none"));
    dir_.write("b.sql", revision_text("b2", "a1"));
    dir_.write("c.sql", revision_text("c3", "a1"));
    const ToolRun run = run_tool({"revision", "-m", "more", "--dir", dir_.str()});
    EXPECT_EQ(run.code, 1);
    const std::string merge = "migrations merge -m \"merge heads\" --dir " + dir_.str();
    EXPECT_EQ(run.err, "migrations revision: error: the revisions have 2 heads ('b2', 'c3'); run `" + merge +
                           "` to join them, or pick one with --head\n");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_.path()), {}), 3);

    const ToolRun merged = run_shell("env -u MIGRATIONS_DIR " + shell_quote(MIGRATIONS_TOOL) +
                                     merge.substr(std::string("migrations").size()));
    ASSERT_EQ(merged.code, 0) << merged.err;
    EXPECT_EQ(run_tool({"revision", "-m", "more", "--dir", dir_.str()}).code, 0);
}

TEST_F(RevisionCommand, BuildsOnAMergeRevision) {
    dir_.write("a.sql", revision_text("a1", "none"));
    dir_.write("b.sql", revision_text("b2", "a1"));
    dir_.write("c.sql", revision_text("c3", "a1"));
    const ToolRun merge = run_tool({"merge", "-m", "merge heads", "--dir", dir_.str()});
    ASSERT_EQ(merge.code, 0) << merge.err;
    const std::filesystem::path path = revision("after the merge");
    EXPECT_EQ(header(path, "down_revision"), header(printed_path(merge), "revision"));
}

TEST_F(RevisionCommand, BranchesFromTheRevisionGivenWithHead) {
    dir_.write("a.sql", revision_text("a1b2c3", "none"));
    dir_.write("b.sql", revision_text("d4e5f6", "a1b2c3"));
    const std::filesystem::path path = revision("side branch", {"--head", "a1b"});
    EXPECT_EQ(header(path, "down_revision"), "a1b2c3");
}

TEST_F(RevisionCommand, MarksTheRevisionIrreversibleWhenAsked) {
    const std::filesystem::path path = revision("drop legacy", {"--empty-downgrade", "irreversible"});
    const std::string text = slurp(path);
    EXPECT_NE(text.find("\n-- downgrade: irreversible\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("\n-- downgrade\n"), std::string::npos) << text;
    fill_upgrade(path, "SELECT 1;");
    const ToolRun show = run_tool({"show", header(path, "revision"), "--dir", dir_.str()});
    EXPECT_NE(show.out.find("Reversible: no\n"), std::string::npos) << show.out << show.err;
}

TEST_F(RevisionCommand, WritesACppRevisionThatTheBuildAcceptsAsItIs) {
    const std::filesystem::path root = revision("create users");
    fill_upgrade(root, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);");
    const std::filesystem::path path = revision("Normalise names", {"--cpp"});
    const std::string text = slurp(path);
    std::smatch id;
    ASSERT_TRUE(std::regex_search(text, id, std::regex("^// revision: ([0-9a-f]{12})\n"))) << text;
    EXPECT_EQ(path, dir_.path() / (id[1].str() + "_normalise_names.cpp"));
    EXPECT_NE(text.find("// down_revision: " + header(root, "revision") + "\n// message: Normalise names\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("#include <migrations/revision.hpp>\n\nMIGRATIONS_UPGRADE(session) {\n"), std::string::npos);
    EXPECT_NE(text.find("MIGRATIONS_DOWNGRADE(session) {\n"), std::string::npos);
    EXPECT_EQ(run_tool({"check", dir_.str()}).code, 0);
    // The next revision chains on it: one graph.
    EXPECT_EQ(header(revision("after"), "down_revision"), id[1].str());
}

TEST_F(RevisionCommand, WritesAnIrreversibleCppRevision) {
    const std::filesystem::path path = revision("one way", {"--cpp", "--empty-downgrade", "irreversible"});
    const std::string text = slurp(path);
    EXPECT_NE(text.find("\nMIGRATIONS_IRREVERSIBLE;\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("MIGRATIONS_DOWNGRADE"), std::string::npos);
    EXPECT_EQ(run_tool({"check", dir_.str()}).code, 0);
}

TEST_F(RevisionCommand, RefusesToStartFromABrokenDirectoryWithTheBuildsDiagnostics) {
    dir_.write("a.sql", "-- revision: a1\n-- down_revision: none\n-- mesage: m\n-- upgrade\nSELECT 1;\n-- downgrade\n");
    const ToolRun run = run_tool({"revision", "-m", "second", "--dir", dir_.str()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err, dir_.str() + "/a.sql:3: error: unknown header key 'mesage'; did you mean 'message'?\n");
}

TEST_F(RevisionCommand, RejectsAnEmptyOrMultiLineMessage) {
    ToolRun run = run_tool({"revision", "-m", " ", "--dir", dir_.str()});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.err, "migrations revision: error: the message (-m) must not be empty\n");
    run = run_tool({"revision", "-m", "two\nlines", "--dir", dir_.str()});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.err, "migrations revision: error: the message (-m) must be one line\n");
}

TEST_F(RevisionCommand, RequiresAMessage) {
    const ToolRun run = run_tool({"revision", "--dir", dir_.str()});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find("--message is required"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace migrations::generator
