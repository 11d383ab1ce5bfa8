// @brief `migrations sql --dialect postgresql` and `migrations upgrade` on the test cluster:
// the script, run by psql, builds the same schema and version rows as the runtime's upgrade
// through a postgresql:// URL. Fails (never skips) when the server is missing.
#include <gtest/gtest.h>
#include <unistd.h>

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
