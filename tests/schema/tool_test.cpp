// @brief The schema verbs of the real `migrations` executable (verify, autogenerate, generate
// --verify), run as a developer runs them, on copies of the example project's revisions.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct ToolRun {
    int code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// A temporary directory holding a copy of the example project's revisions in migrations/.
class Tool : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        root_ = fs::temp_directory_path() /
                ("migrations_tool_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(root_);
        fs::create_directories(dir());
        for (const auto& entry : fs::directory_iterator(MIGRATIONS_EXAMPLE_MIGRATIONS_DIR)) {
            fs::copy_file(entry.path(), dir() / entry.path().filename());
        }
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path dir() const { return root_ / "migrations"; }
    fs::path fixture(const std::string& name) const { return fs::path(MIGRATIONS_SCHEMA_FIXTURES) / name; }

    /// Runs `migrations <args>` from the temporary directory.
    ToolRun run(const std::vector<std::string>& args) const {
        std::string command = "cd " + quoted(root_.string()) + " && " + quoted(MIGRATIONS_TOOL);
        for (const std::string& arg : args) command += " " + quoted(arg);
        command += " >" + quoted((root_ / "out.txt").string()) + " 2>" + quoted((root_ / "err.txt").string());
        const int status = std::system(command.c_str());
        ToolRun result;
        result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.out = slurp(root_ / "out.txt");
        result.err = slurp(root_ / "err.txt");
        return result;
    }

    /// The revision files in migrations/ that the example project does not have.
    std::vector<fs::path> new_files() const {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir())) {
            if (!fs::exists(fs::path(MIGRATIONS_EXAMPLE_MIGRATIONS_DIR) / entry.path().filename()))
                files.push_back(entry.path());
        }
        return files;
    }

    fs::path root_;
};

TEST_F(Tool, VerifyAcceptsTheExampleRevisions) {
    const ToolRun verified = run({"verify", "migrations"});
    EXPECT_EQ(verified.code, 0) << verified.err;
    EXPECT_EQ(verified.out,
              "3 revisions verified on SQLite: upgrade, downgrade and upgrade again each restore the schema; 1 C++ "
              "revision not run here, taken as leaving the schema as it was (the tool never runs consumer code; "
              "add_migrations(... VERIFY) builds the test <NAME>_verify, which CTest runs, to verify C++ revisions)\n");
    EXPECT_EQ(verified.err, "");
}

TEST_F(Tool, VerifyNamesWhatADowngradeLeavesBehind) {
    // The last revision's downgrade forgets to drop completed_at.
    const fs::path file = dir() / "c7e9a1b3d5f2_completed_at_from_done.sql";
    std::string text = slurp(file);
    const std::string drop = "ALTER TABLE todos DROP COLUMN completed_at;\n";
    ASSERT_NE(text.find(drop), std::string::npos);
    text.erase(text.find(drop), drop.size());
    spit(file, text);
    const ToolRun verified = run({"verify", "--dir", "migrations"});
    EXPECT_EQ(verified.code, 1);
    EXPECT_EQ(verified.err,
              "migrations/c7e9a1b3d5f2_completed_at_from_done.sql:12: error: downgrade of c7e9a1b3d5f2 "
              "does not restore the schema: table 'todos' column 'completed_at' is still present\n");
}

TEST_F(Tool, VerifyReportsTheLineOfAFailingStatement) {
    spit(dir() / "d1_bad.sql",
         "-- revision: d1\n-- down_revision: e4f6a8b0c2d4\n-- message: bad\n\n-- upgrade\n"
         "CREATE INDEX todos_title ON todos (title);\nCREATE INDEX todos_x ON todos (nope);\n\n"
         "-- downgrade\nDROP INDEX todos_title;\n");
    const ToolRun verified = run({"verify", "migrations"});
    EXPECT_EQ(verified.code, 1);
    EXPECT_EQ(verified.err, "migrations/d1_bad.sql:7: error: upgrade of d1 failed: no such column: nope\n");
}

TEST_F(Tool, GenerateWithVerifyWritesNothingWhenVerificationFails) {
    const fs::path file = dir() / "8b2d4e6f1a3c_add_deleted_at.sql";
    std::string text = slurp(file);
    const std::string drop = "DROP INDEX todos_deleted_at;\n";
    ASSERT_NE(text.find(drop), std::string::npos);
    text.erase(text.find(drop), drop.size());
    spit(file, text);
    const std::vector<std::string> generate = {
        "generate",     "--dir",    "migrations",   "--name",  "todo_migrations", "--source-root", ".",     "--header",
        "out/todo.hpp", "--source", "out/todo.cpp", "--stamp", "out/todo.stamp",  "--dialects",    "sqlite"};
    fs::create_directories(root_ / "out");
    std::vector<std::string> verified = generate;
    verified.push_back("--verify");
    const ToolRun failed = run(verified);
    EXPECT_EQ(failed.code, 1);
    // The downgrade now drops an indexed column, which SQLite refuses.
    EXPECT_NE(failed.err.find("migrations/8b2d4e6f1a3c_add_deleted_at.sql:"), std::string::npos) << failed.err;
    EXPECT_NE(failed.err.find(": error: downgrade of 8b2d4e6f1a3c failed: "), std::string::npos) << failed.err;
    EXPECT_FALSE(fs::exists(root_ / "out/todo.cpp"));
    EXPECT_FALSE(fs::exists(root_ / "out/todo.stamp"));
    // Without --verify the same revisions generate: the graph itself is fine.
    const ToolRun plain = run(generate);
    EXPECT_EQ(plain.code, 0) << plain.err;
    EXPECT_TRUE(fs::exists(root_ / "out/todo.cpp"));
}

TEST_F(Tool, AutogenerateWritesARevisionThatVerifyAccepts) {
    const std::string schema = fixture("todo_priority.sql").string();
    const ToolRun generated = run({"autogenerate", "-m", "add priority to todos", "--schema", schema});
    ASSERT_EQ(generated.code, 0) << generated.err;
    const std::vector<fs::path> files = new_files();
    ASSERT_EQ(files.size(), 1U);
    const std::string name = files[0].filename().string();
    EXPECT_TRUE(std::regex_match(name, std::regex("[0-9a-f]{12}_add_priority_to_todos\\.sql"))) << name;
    const std::string id = name.substr(0, 12);
    EXPECT_EQ(generated.out.rfind("Generated migrations/" + name + " (" + id + ", parent e4f6a8b0c2d4)\n", 0), 0U)
        << generated.out;

    const std::string text = slurp(files[0]);
    EXPECT_TRUE(
        std::regex_search(text, std::regex("^-- revision: " + id +
                                           "\n-- down_revision: e4f6a8b0c2d4\n"
                                           "-- message: add priority to todos\n-- created: "
                                           "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00\n\n-- upgrade\n")))
        << text;
    EXPECT_NE(text.find("-- A renamed table or column cannot be told apart from a drop and an add"), std::string::npos);
    EXPECT_NE(text.find("ALTER TABLE \"todos\" ADD COLUMN \"priority\" INTEGER NOT NULL DEFAULT 0;\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("CREATE INDEX \"todos_priority\" ON \"todos\" (priority desc);\n"), std::string::npos) << text;
    const auto downgrade = text.find("\n-- downgrade\n");
    ASSERT_NE(downgrade, std::string::npos);
    EXPECT_NE(text.find("DROP INDEX \"todos_priority\";\n", downgrade), std::string::npos) << text;
    EXPECT_NE(text.find("ALTER TABLE \"todos\" DROP COLUMN \"priority\";\n", downgrade), std::string::npos) << text;

    // The new revision passes VERIFY, and the revisions now produce the schema.
    const ToolRun verified = run({"verify"});
    EXPECT_EQ(verified.code, 0) << verified.err;
    EXPECT_EQ(verified.out.rfind("4 revisions verified", 0), 0U) << verified.out;
    const ToolRun checked = run({"autogenerate", "--check", "--schema", schema});
    EXPECT_EQ(checked.code, 0) << checked.err;
    EXPECT_EQ(checked.out, "No changes in schema detected: the revisions in migrations produce " + schema + "\n");
}

TEST_F(Tool, AutogenerateCheckExitsOneAndListsTheDifferences) {
    const std::string schema = fixture("todo_priority.sql").string();
    const ToolRun checked = run({"autogenerate", "--check", "--schema", schema});
    EXPECT_EQ(checked.code, 1);
    EXPECT_EQ(checked.out, "");
    EXPECT_EQ(checked.err.rfind("migrations autogenerate: the revisions in migrations do not produce " + schema +
                                    "; a new revision would:\n",
                                0),
              0U)
        << checked.err;
    EXPECT_NE(checked.err.find("  add table 'todos' column 'priority'"), std::string::npos) << checked.err;
    EXPECT_NE(checked.err.find("  create index 'todos_priority'"), std::string::npos) << checked.err;
    EXPECT_TRUE(new_files().empty());
}

TEST_F(Tool, AutogenerateHasNothingToDoWhenTheRevisionsProduceTheSchema) {
    const std::string schema = fixture("todo_current.sql").string();
    const ToolRun generated = run({"autogenerate", "-m", "nothing", "--schema", schema, "--dir", "migrations"});
    EXPECT_EQ(generated.code, 0) << generated.err;
    EXPECT_EQ(generated.out, "No changes in schema detected: the revisions in migrations produce " + schema + "\n");
    EXPECT_TRUE(new_files().empty());
    EXPECT_EQ(run({"autogenerate", "--check", "--schema", schema}).code, 0);
}

TEST_F(Tool, AutogenerateSaysARenameLooksLikeADropAndAnAdd) {
    const ToolRun generated =
        run({"autogenerate", "-m", "rename title", "--schema", fixture("todo_renamed.sql").string()});
    ASSERT_EQ(generated.code, 0) << generated.err;
    const std::vector<fs::path> files = new_files();
    ASSERT_EQ(files.size(), 1U);
    const std::string text = slurp(files[0]);
    EXPECT_NE(text.find("-- NOTE: column 'title' dropped and column 'summary' added on table 'todos'"),
              std::string::npos)
        << text;
    EXPECT_NE(generated.out.find("  NOTE: column 'title' dropped and column 'summary' added"), std::string::npos)
        << generated.out;
    // The rename is SQLite's table rebuild (PRAGMA ...) in a generic section: verified as the
    // SQLite project it is; PostgreSQL's parser would refuse the PRAGMA (docs/schema.md).
    const ToolRun verified = run({"verify", "--dialects", "sqlite"});
    EXPECT_EQ(verified.code, 0) << verified.err;
    const ToolRun both = run({"verify"});
    EXPECT_EQ(both.code, 1);
    EXPECT_NE(both.err.find(": error: syntax error at or near \"PRAGMA\""), std::string::npos) << both.err;
}

TEST_F(Tool, AutogenerateReportsADesiredSchemaThatDoesNotRun) {
    spit(root_ / "schema.sql", "CREATE TABLE todos (id INTEGER PRIMARY KEY);\nCREATE TABEL oops (x);\n");
    const ToolRun generated = run({"autogenerate", "-m", "broken", "--schema", "schema.sql"});
    EXPECT_EQ(generated.code, 1);
    EXPECT_EQ(generated.err, "schema.sql:2: error: near \"TABEL\": syntax error\n");
    EXPECT_TRUE(new_files().empty());
}

TEST_F(Tool, AutogenerateNeedsAMessageUnlessChecking) {
    const ToolRun generated = run({"autogenerate", "--schema", fixture("todo_priority.sql").string()});
    EXPECT_EQ(generated.code, 2);
    EXPECT_EQ(generated.err, "migrations autogenerate: error: -m MESSAGE is required (unless --check)\n");
    EXPECT_TRUE(new_files().empty());
}

TEST_F(Tool, AutogenerateRefusesSeveralHeads) {
    // A second child of 8b2d4e6f1a3c: the new revision's parent would be ambiguous.
    spit(dir() / "d1_branch.sql",
         "-- revision: d1\n-- down_revision: 8b2d4e6f1a3c\n-- message: branch\n\n-- upgrade\n"
         "CREATE TABLE tags (name TEXT);\n\n-- downgrade\nDROP TABLE tags;\n");
    const ToolRun generated = run({"autogenerate", "-m", "more", "--schema", fixture("todo_priority.sql").string()});
    EXPECT_EQ(generated.code, 1);
    EXPECT_NE(generated.err.find("error: more than one head: "), std::string::npos) << generated.err;
    EXPECT_EQ(new_files(), std::vector<fs::path>{dir() / "d1_branch.sql"});
}

TEST_F(Tool, VerifyNeedsTheSqliteDialect) {
    const ToolRun verified = run({"verify", "--dialects", "postgresql"});
    EXPECT_EQ(verified.code, 2);
    EXPECT_EQ(verified.err, "migrations verify: error: --dialects must include sqlite: verification runs on SQLite\n");
}

TEST_F(Tool, AutogenerateStartsARootRevisionInAnEmptyDirectory) {
    fs::remove_all(dir());
    fs::create_directories(dir());
    const ToolRun generated = run({"autogenerate", "-m", "initial", "--schema", fixture("todo_current.sql").string()});
    ASSERT_EQ(generated.code, 0) << generated.err;
    const std::vector<fs::path> files = new_files();
    ASSERT_EQ(files.size(), 1U);
    const std::string text = slurp(files[0]);
    EXPECT_NE(text.find("-- down_revision: none\n"), std::string::npos) << text;
    EXPECT_NE(text.find("CREATE TABLE \"todos\""), std::string::npos) << text;
    EXPECT_NE(text.find("DROP TABLE \"todos\";"), std::string::npos) << text;
    EXPECT_EQ(run({"verify"}).code, 0);
    EXPECT_EQ(run({"autogenerate", "--check", "--schema", fixture("todo_current.sql").string()}).code, 0);
}

}  // namespace
