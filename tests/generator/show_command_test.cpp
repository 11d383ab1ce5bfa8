// @brief `migrations show`, through the built executable: where the runtime commits after a
// revision, and the statement that needs it.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

TEST(ShowCommand, SaysWhereTheRuntimeCommitsAfterARevisionAndWhy) {
    TempDir dir;
    dir.write("a.sql", revision_text("a1", "none", "CREATE TYPE mood AS ENUM ('ok');\n"));
    dir.write("b.sql",
              "-- revision: b2\n-- down_revision: a1\n-- message: add sad\n-- upgrade: postgresql\n"
              "ALTER TYPE mood ADD VALUE 'sad';\n-- upgrade: sqlite\nSELECT 1;\n-- downgrade: irreversible\n");
    const ToolRun run = run_tool({"show", "b2", "--dir", dir.str()});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NE(
        run.out.find("Commits after: postgresql upgrade (ALTER TYPE ... ADD VALUE at " + dir.str() + "/b.sql:5)\n"),
        std::string::npos)
        << run.out;
    const ToolRun plain = run_tool({"show", "a1", "--dir", dir.str()});
    EXPECT_EQ(plain.out.find("Commits after"), std::string::npos) << plain.out;
}

TEST(ShowCommand, ShowsWhereTheStepsOfACppRevisionAreAndItsSource) {
    TempDir dir;
    dir.write("a.sql", revision_text("a1", "none", "CREATE TABLE t (x INTEGER);\n"));
    dir.write("b.cpp",
              "// revision: b2\n// down_revision: a1\n// message: fill x\n\n#include <migrations/revision.hpp>\n"
              "MIGRATIONS_UPGRADE(s) { s.execute(\"UPDATE t SET x = 1\"); }\nMIGRATIONS_IRREVERSIBLE;\n");
    const ToolRun run = run_tool({"show", "b2", "--dir", dir.str()});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NE(run.out.find("Written in: C++ (upgrade at " + dir.str() +
                           "/b.cpp:6)\n\n#include <migrations/revision.hpp>\n"
                           "MIGRATIONS_UPGRADE(s)"),
              std::string::npos)
        << run.out;
    EXPECT_EQ(run.out.find("-- downgrade: irreversible"), std::string::npos) << run.out;
}

TEST(CheckCommand, EscapesControlCharactersOfTheFileInItsDiagnostics) {
    // A file with CR-only line endings is one line to the parser; echoing it raw would move
    // the cursor back and overwrite the diagnostic on the terminal.
    TempDir dir;
    dir.write("a.sql", "-- revision: a1\r-- down_revision: none\r-- message: m\r-- upgrade\rSELECT 1;\r");
    const ToolRun run = run_tool({"check", dir.str()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err.find('\r'), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("invalid revision id 'a1\\r-- down_revision: none\\r-- message: m\\r-- upgrade\\rSELECT"),
              std::string::npos)
        << run.err;
}

TEST(CheckCommand, EscapesControlCharactersOfAnArgumentInItsUsageError) {
    TempDir dir;
    const ToolRun run = run_tool({"check", dir.str(), "--dialects", "sql\x1b[2Jite"});
    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.err.find('\x1b'), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("unknown dialect 'sql\\x1b[2Jite'"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace migrations::generator
