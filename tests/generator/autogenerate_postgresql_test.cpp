// @brief `migrations autogenerate --dialect postgresql --dev-database URL` on the test cluster:
// the generated revision applies, --check is then clean, and its downgrade restores the schema
// (proved by `verify --database`, which runs up, down, up in a scratch database).
#include <gtest/gtest.h>

#include <filesystem>

#include "test_files.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

std::string dev_url() {
    const char* file = std::getenv("MIGRATIONS_TEST_POSTGRESQL_URL_FILE");
    std::string url = file == nullptr ? "" : slurp(file);
    while (!url.empty() && url.back() == '\n') url.pop_back();
    return url;
}

class AutogenerateOnPostgresql : public ::testing::Test {
protected:
    TempDir dir_;

    ToolRun autogenerate(const std::vector<std::string>& extra) {
        std::vector<std::string> args = {"autogenerate", "--dialect",  "postgresql", "--dev-database", dev_url(),
                                         "--schema",     "schema.sql", "--dialects", "postgresql"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_tool_in(dir_.path(), args);
    }
    /// The newest revision file's text.
    std::string newest() {
        std::filesystem::path latest;
        for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "migrations"))
            if (latest.empty() || std::filesystem::last_write_time(entry) >= std::filesystem::last_write_time(latest))
                latest = entry.path();
        return slurp(latest);
    }
};

TEST_F(AutogenerateOnPostgresql, WritesRevisionsThatApplyRestoreAndLeaveCheckClean) {
    std::filesystem::create_directories(dir_.path() / "migrations");
    dir_.write("schema.sql",
               "CREATE TYPE state AS ENUM ('open', 'done');\n"
               "CREATE TABLE lists (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n"
               "CREATE TABLE todos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT "
               "NULL, list bigint REFERENCES lists (id), state state NOT NULL DEFAULT 'open');\n");
    const ToolRun first = autogenerate({"-m", "todos"});
    ASSERT_EQ(first.code, 0) << first.err;
    EXPECT_NE(first.out.find("  create table 'todos'\n"), std::string::npos) << first.out;
    const std::string text = newest();
    EXPECT_NE(text.find("\n-- upgrade: postgresql\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\n-- downgrade: postgresql\nALTER TABLE \"todos\" DROP CONSTRAINT \"todos_list_fkey\";\n"
                        "DROP TABLE \"lists\";\nDROP TABLE \"todos\";\nDROP TYPE \"state\";\n"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("transactional"), std::string::npos) << text;

    const ToolRun clean = autogenerate({"--check"});
    EXPECT_EQ(clean.code, 0) << clean.err;
    EXPECT_EQ(clean.out, "No changes in schema detected: the revisions in migrations produce schema.sql\n");

    // A label, a CHECK on an existing table and an index on it.
    dir_.write("schema.sql",
               "CREATE TYPE state AS ENUM ('open', 'late', 'done');\n"
               "CREATE TABLE lists (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n"
               "CREATE TABLE todos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT "
               "NULL CHECK (title <> ''), list bigint REFERENCES lists (id), state state NOT NULL "
               "DEFAULT 'open');\nCREATE INDEX todos_state ON todos (state);\n");
    const ToolRun needed = autogenerate({"--check"});
    EXPECT_EQ(needed.code, 1);
    EXPECT_EQ(needed.err,
              "migrations autogenerate: the revisions in migrations do not produce schema.sql; a new "
              "revision would:\n  add table 'todos' CONSTRAINT todos_title_check CHECK ((title <> ''::text))\n"
              "  alter type 'state': CREATE TYPE state AS ENUM ('open', 'done') -> CREATE TYPE state AS "
              "ENUM ('open', 'late', 'done')\n  create index 'todos_state'\n");
    const ToolRun second = autogenerate({"-m", "state and checks"});
    ASSERT_EQ(second.code, 0) << second.err;
    const std::string changes = newest();
    EXPECT_NE(changes.find("-- transactional: false\n"), std::string::npos) << changes;
    EXPECT_NE(
        changes.find(
            "ALTER TYPE \"state\" ADD VALUE 'late' AFTER 'open';\n"
            "ALTER TABLE \"todos\" ADD CONSTRAINT \"todos_title_check\" CHECK ((title <> ''::text)) NOT VALID;\n"
            "ALTER TABLE \"todos\" VALIDATE CONSTRAINT \"todos_title_check\";\n"
            "-- CONCURRENTLY: table 'todos' exists already; writes go on while the index builds (hence "
            "transactional: false)\nCREATE INDEX CONCURRENTLY todos_state ON public.todos USING btree (state);\n"),
        std::string::npos)
        << changes;
    EXPECT_EQ(autogenerate({"--check"}).code, 0);

    const ToolRun verified = run_tool_in(dir_.path(), {"verify", "--dialects", "postgresql", "--database", dev_url()});
    EXPECT_EQ(verified.code, 0) << verified.err;
    EXPECT_EQ(verified.out,
              "2 revisions verified on PostgreSQL: upgrade, downgrade and upgrade again each restore the schema\n");
}

TEST_F(AutogenerateOnPostgresql, NamesTheLineOfAFailingSchemaStatement) {
    std::filesystem::create_directories(dir_.path() / "migrations");
    dir_.write("schema.sql", "CREATE TABLE t (a int);\n\nCREATE TABEL u (b int);\n");
    const ToolRun run = autogenerate({"-m", "x"});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err, "schema.sql:3: error: syntax error at or near \"TABEL\"\n");
}

TEST_F(AutogenerateOnPostgresql, NeedsADevDatabase) {
    dir_.write("schema.sql", "CREATE TABLE t (a int);\n");
    const ToolRun run =
        run_tool_in(dir_.path(), {"autogenerate", "--dialect", "postgresql", "--schema", "schema.sql", "-m", "x"});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find("--dialect postgresql needs --dev-database URL"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace migrations::generator
