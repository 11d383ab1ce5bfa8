// @brief `migrations init`, through the built executable.
#include <gtest/gtest.h>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

TEST(InitCommand, CreatesTheDirectoryWithAReadmeAndPrintsTheCMakeLines) {
    const TempDir dir;
    const ToolRun run = run_tool({"init", (dir.path() / "db").string(), "--target", "todo"});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NE(dir.read("db/README.md").find("-- down_revision:"), std::string::npos);
    EXPECT_NE(run.out.find("  find_package(Migrations REQUIRED)\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("  add_migrations(todo DIR " + (dir.path() / "db").string() + ")\n"), std::string::npos)
        << run.out;
}

// The C++ lines name what add_migrations generates: <target>_migrations made an identifier
// (CMake's MAKE_C_IDENTIFIER), as the README's program includes it.
TEST(InitCommand, PrintsTheCppLinesThatIncludeTheCatalogAndUpgradeAtStartup) {
    const TempDir dir;
    const ToolRun run = run_tool({"init", (dir.path() / "db").string(), "--target", "todo-api"});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NE(run.out.find("and to the program (the build generates todo_api_migrations.hpp):\n\n"
                           "  #include \"todo_api_migrations.hpp\"\n"
                           "  #include <migrations/migrations.hpp>\n\n"
                           "  migrations::upgrade(db, todo_api_migrations());   // at startup: db is your sqlite3*, "
                           "pqxx::connection& or a URL\n"
                           "  return migrations::run_cli(argc, argv, todo_api_migrations(), \"sqlite:///app.db\");"),
              std::string::npos)
        << run.out;
    const ToolRun placeholder = run_tool({"init", (dir.path() / "other").string()});
    EXPECT_NE(placeholder.out.find("  #include \"<target>_migrations.hpp\"\n"), std::string::npos) << placeholder.out;
}

TEST(InitCommand, CreatesMigrationsInTheWorkingDirectoryByDefault) {
    const TempDir dir;
    const ToolRun run = run_tool_in(dir.path(), {"init"});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "migrations/README.md"));
    EXPECT_NE(run.out.find("add_migrations(<target> DIR migrations)"), std::string::npos) << run.out;
}

TEST(InitCommand, UsesMigrationsDirFromTheEnvironment) {
    const TempDir dir;
    const ToolRun run = run_tool_in(dir.path(), {"init"}, "MIGRATIONS_DIR=schema");
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "schema/README.md"));
}

TEST(InitCommand, RefusesANonEmptyDirectory) {
    const TempDir dir;
    dir.write("db/a.sql", revision_text("a", "none"));
    const ToolRun run = run_tool({"init", (dir.path() / "db").string()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err, "migrations init: error: '" + (dir.path() / "db").string() +
                           "' exists and is not empty; give a new or empty directory\n");
    EXPECT_EQ(dir.read("db/a.sql"), revision_text("a", "none"));
}

TEST(InitCommand, ThenRevisionWritesTheFirstRevisionOfAFreshDirectory) {
    const TempDir dir;
    ASSERT_EQ(run_tool_in(dir.path(), {"init"}).code, 0);
    const ToolRun revision = run_tool_in(dir.path(), {"revision", "-m", "create users"});
    ASSERT_EQ(revision.code, 0) << revision.err;
    EXPECT_EQ(printed_path(revision).parent_path(), "migrations");
    EXPECT_NE(dir.read(printed_path(revision).string()).find("-- down_revision: none\n"), std::string::npos);
    // The README is not a revision: the directory checks once the upgrade is written.
    fill_upgrade(dir.path() / printed_path(revision), "CREATE TABLE users (id INTEGER PRIMARY KEY);");
    const ToolRun check = run_tool_in(dir.path(), {"check"});
    EXPECT_EQ(check.code, 0) << check.err;
}

}  // namespace
}  // namespace migrations::generator
