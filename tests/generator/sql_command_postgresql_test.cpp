// @brief `migrations sql --dialect postgresql` and `migrations upgrade` on the test cluster:
// the script, run by psql, builds the same schema and version rows as the runtime's upgrade
// through a postgresql:// URL. Fails (never skips) when the server is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <migrations/operations.hpp>

#include "catalog_builder.hpp"
#include "loader.hpp"
#include "schema_fixture.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;

std::string server_url() {
    const char* file = std::getenv("MIGRATIONS_TEST_POSTGRESQL_URL_FILE");
    if (file == nullptr) return "";
    std::string url = slurp(file);
    while (!url.empty() && url.back() == '\n') url.pop_back();
    return url;
}

class SqlCommandOnPostgresql : public testing::Test {
protected:
    void SetUp() override {
        server_ = server_url();
        ASSERT_FALSE(server_.empty()) << "no PostgreSQL server: MIGRATIONS_TEST_POSTGRESQL_URL_FILE is unset or empty "
                                         "(run through ctest, which starts the cluster)";
        write_schema_revisions(dir_);
    }

    void TearDown() override {
        for (const std::string& name : created_) psql(server_, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /// A new empty database; returns its URL.
    std::string create_database(const std::string& suffix) {
        const std::string name = "tool_" + std::to_string(::getpid()) + "_" + suffix;
        psql(server_, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        const ToolRun run = psql(server_, "CREATE DATABASE " + name);
        EXPECT_EQ(run.code, 0) << run.err;
        created_.push_back(name);
        return server_.substr(0, server_.rfind('/') + 1) + name;
    }

    static ToolRun psql(const std::string& url, const std::string& sql) {
        return run_shell(shell_quote(MIGRATIONS_PSQL) + " -X -q -At -v ON_ERROR_STOP=1 " + shell_quote(url) + " -c " +
                         shell_quote(sql));
    }

    /// Columns, indexes and version rows of the public schema.
    static std::string listing(const std::string& url) {
        const ToolRun run =
            psql(url,
                 "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
                 " WHERE table_schema = 'public' ORDER BY 1, 2;"
                 " SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1;"
                 " SELECT revision, state, checksum FROM schema_revisions ORDER BY 1");
        EXPECT_EQ(run.code, 0) << run.err;
        return run.out;
    }

    std::string server_;
    std::vector<std::string> created_;
    TempDir dir_;
};

TEST_F(SqlCommandOnPostgresql, ScriptRunByPsqlBuildsTheSameSchemaAsUpgrade) {
    const std::string online = create_database("online");
    const std::string offline = create_database("offline");
    const std::string migrations = dir_.str() + "/migrations";

    const ToolRun upgrade = run_tool({"upgrade", "--dir", migrations, "--database", online});
    ASSERT_EQ(upgrade.code, 0) << upgrade.err;
    EXPECT_NE(upgrade.out.find("upgraded 3 revisions to c3"), std::string::npos) << upgrade.out;

    const ToolRun script = run_tool({"sql", "--dialect", "postgresql", "head", "--dir", migrations});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_NE(script.out.find("CREATE INDEX CONCURRENTLY users_email"), std::string::npos) << script.out;
    dir_.write("script.sql", script.out);
    const ToolRun applied = run_shell(shell_quote(MIGRATIONS_PSQL) + " -X -q -v ON_ERROR_STOP=1 " +
                                      shell_quote(offline) + " -f " + shell_quote(dir_.str() + "/script.sql"));
    ASSERT_EQ(applied.code, 0) << applied.err << script.out;

    EXPECT_NE(listing(online).find("users_email|CREATE INDEX users_email"), std::string::npos) << listing(online);
    EXPECT_EQ(listing(offline), listing(online));
}

/// The catalog: an enum, a value added to it, a table using the value.
void write_enum_revisions(const TempDir& dir) {
    dir.write("enum/a.sql",
              "-- revision: a1\n-- down_revision: none\n-- message: mood\n-- upgrade\n"
              "CREATE TYPE mood AS ENUM ('ok');\n-- downgrade\nDROP TYPE mood;\n");
    dir.write("enum/b.sql",
              "-- revision: b2\n-- down_revision: a1\n-- message: sad\n-- upgrade\n"
              "ALTER TYPE mood ADD VALUE 'sad';\n-- downgrade: irreversible\n");
    dir.write("enum/c.sql",
              "-- revision: c3\n-- down_revision: b2\n-- message: t\n-- upgrade\n"
              "CREATE TABLE t (m mood NOT NULL DEFAULT 'sad');\n-- downgrade\nDROP TABLE t;\n");
}

TEST_F(SqlCommandOnPostgresql, ScriptCommitsAfterAnEnumValueSoTheNextRevisionCanUseIt) {
    write_enum_revisions(dir_);
    const ToolRun script = run_tool({"sql", "--dialect", "postgresql", "head", "--dir", dir_.str() + "/enum"});
    ASSERT_EQ(script.code, 0) << script.err;
    const std::size_t added = script.out.find("ALTER TYPE mood ADD VALUE 'sad';");
    const std::size_t row = script.out.find("INSERT INTO \"schema_revisions\"", added);
    const std::size_t boundary = script.out.find("\nCOMMIT;\nBEGIN;\n", added);
    ASSERT_NE(boundary, std::string::npos) << script.out;
    EXPECT_LT(row, boundary);
    EXPECT_LT(boundary, script.out.find("CREATE TABLE t"));

    const std::string url = create_database("enum");
    dir_.write("enum.sql", script.out);
    const ToolRun applied = run_shell(shell_quote(MIGRATIONS_PSQL) + " -X -q -v ON_ERROR_STOP=1 " + shell_quote(url) +
                                      " -f " + shell_quote(dir_.str() + "/enum.sql"));
    ASSERT_EQ(applied.code, 0) << applied.err << script.out;
    EXPECT_EQ(psql(url,
                   "SELECT revision FROM schema_revisions ORDER BY 1; SELECT column_default FROM "
                   "information_schema.columns WHERE table_name = 't'")
                  .out,
              "a1\nb2\nc3\n'sad'::mood\n");
}

TEST_F(SqlCommandOnPostgresql, ScriptEndsADoBlockWithoutSemicolonAndLeavesTheRuntimesVersionRows) {
    dir_.write("migrations/d.sql",
               "-- revision: d4\n-- down_revision: c3\n-- message: do\n-- upgrade\n"
               "DO $$ BEGIN CREATE TABLE done (x int); END $$\n-- downgrade\nselect 1 /* nothing */\n");
    const std::string online = create_database("do_online");
    const std::string offline = create_database("do_offline");
    const std::string migrations = dir_.str() + "/migrations";
    ASSERT_EQ(run_tool({"upgrade", "--dir", migrations, "--database", online}).code, 0);
    const ToolRun script = run_tool({"sql", "--dialect", "postgresql", "head", "--dir", migrations});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_NE(script.out.find("END $$;\n"), std::string::npos) << script.out;
    dir_.write("do.sql", script.out);
    const ToolRun applied = run_shell(shell_quote(MIGRATIONS_PSQL) + " -X -q -v ON_ERROR_STOP=1 " +
                                      shell_quote(offline) + " -f " + shell_quote(dir_.str() + "/do.sql"));
    ASSERT_EQ(applied.code, 0) << applied.err << script.out;
    EXPECT_EQ(listing(offline), listing(online));

    const ToolRun down = run_tool({"sql", "--dialect", "postgresql", "head:c3", "--dir", migrations});
    EXPECT_NE(down.out.find("select 1; /* nothing */"), std::string::npos) << down.out;
}

TEST_F(SqlCommandOnPostgresql, ScriptQualifiesTheVersionTableWithItsSchema) {
    // Before: the offline script ignored version_table_schema and wrote public.schema_revisions.
    Diagnostics diagnostics;
    LoadOptions load;
    load.dir = dir_.str() + "/migrations";
    const std::optional<RevisionSet> set = load_revisions(load, diagnostics);
    ASSERT_TRUE(set.has_value());
    const Catalog catalog = make_catalog(*set, "app");
    Options options;
    options.version_table_schema = "ops";
    options.version_table = "versions";
    const std::string script = migrations::sql(catalog, "base", "head", Dialect::postgresql, options);
    EXPECT_NE(script.find("CREATE SCHEMA IF NOT EXISTS \"ops\";\nCREATE TABLE IF NOT EXISTS \"ops\".\"versions\" ("),
              std::string::npos)
        << script;
    const std::string url = create_database("schema");
    dir_.write("schema.sql", script);
    const ToolRun applied = run_shell(shell_quote(MIGRATIONS_PSQL) + " -X -q -v ON_ERROR_STOP=1 " + shell_quote(url) +
                                      " -f " + shell_quote(dir_.str() + "/schema.sql"));
    ASSERT_EQ(applied.code, 0) << applied.err << script;
    EXPECT_EQ(psql(url, "SELECT revision, state FROM ops.versions ORDER BY 1").out,
              "a1|applied\nb2|applied\nc3|applied\n");
    EXPECT_EQ(psql(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'versions' AND schemaname <> 'ops'").out,
              "0\n");
}

TEST_F(SqlCommandOnPostgresql, CurrentAndDowngradeWorkThroughAPostgresqlUrl) {
    const std::string url = create_database("verbs");
    const std::string migrations = dir_.str() + "/migrations";
    ASSERT_EQ(run_tool({"upgrade", "--dir", migrations, "--database", url}).code, 0);
    const ToolRun down = run_tool({"downgrade", "a1", "--dir", migrations, "--database", url});
    ASSERT_EQ(down.code, 0) << down.err;
    const ToolRun current = run_tool({"current", "--dir", migrations, "--database", url});
    EXPECT_EQ(current.out.substr(0, 4), "a1  ") << current.out << current.err;
}

TEST_F(SqlCommandOnPostgresql, UpgradesThroughAMergeRevisionThatHasNoSql) {
    const std::string url = create_database("merge");
    const std::string migrations = dir_.str() + "/migrations";
    dir_.write("migrations/d.sql",
               "-- revision: d4\n-- down_revision: b2\n-- message: side\n-- upgrade\n"
               "CREATE TABLE side (x INTEGER);\n-- downgrade\nDROP TABLE side;\n");
    ASSERT_EQ(run_tool({"merge", "-m", "merge heads", "--dir", migrations}).code, 0);
    const ToolRun upgrade = run_tool({"upgrade", "--dir", migrations, "--database", url});
    ASSERT_EQ(upgrade.code, 0) << upgrade.err;
    EXPECT_NE(upgrade.out.find("upgraded 5 revisions"), std::string::npos) << upgrade.out;
    const ToolRun down = run_tool({"downgrade", "-1", "--dir", migrations, "--database", url});
    ASSERT_EQ(down.code, 0) << down.err;
    EXPECT_NE(down.out.find("downgraded 1 revision to c3, d4"), std::string::npos) << down.out;
}

}  // namespace
}  // namespace migrations::generator
