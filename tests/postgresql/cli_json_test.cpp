// @brief run_cli --format json against the real PostgreSQL server of the test cluster: each
// verb that touches the database prints the document docs/cli.md describes (checked by a real
// JSON parser), errors included; a connection error is one line on stderr.
#include <gtest/gtest.h>

#include <cstdlib>
#include <migrations/migrations.hpp>

#include "support/cli_capture.hpp"
#include "support/json_schema.hpp"
#include "support/test_catalog.hpp"
#include "test_database.hpp"

namespace migrations {
namespace {

using testing::Json;
using testing::parse_document;
using Outcome = testing::CliOutcome;

class PostgresqlCliJson : public ::testing::Test {
protected:
    void SetUp() override { ::unsetenv("DATABASE_URL"); }

    Outcome cli(std::vector<std::string> args) {
        args.insert(args.begin(), {"app", "--format", "json", "--database", database_.url()});
        return testing::run_cli_captured(catalog_, "sqlite:///unused.db", args);
    }

    testing::TestDatabase database_;
    Catalog catalog_ = testing::graph_catalog("a1:;b2:a1;c3:a1#feature;d4:b2,c3");
};

TEST_F(PostgresqlCliJson, UpgradeCurrentHistoryStatusAndDowngradePrintTheirDocuments) {
    const Outcome up = cli({"upgrade", "b2"});
    ASSERT_EQ(up.code, 0) << up.err;
    const Json upgraded = parse_document(up.out, "upgrade");
    testing::expect_result(upgraded);
    EXPECT_EQ(upgraded["revisions"], Json({"a1", "b2"}));
    EXPECT_EQ(upgraded["database"], database_.url());

    const Json current = parse_document(cli({"current"}).out, "current");
    testing::expect_current(current);
    ASSERT_EQ(current["current"].size(), 1U);
    EXPECT_EQ(current["current"][0]["revision"], "b2");

    const Json history = parse_document(cli({"history"}).out, "history");
    testing::expect_history(history, true);
    EXPECT_EQ(history["revisions"][2]["revision"], "b2");
    EXPECT_EQ(history["revisions"][2]["current"], true);
    EXPECT_EQ(history["revisions"][2]["state"], "applied");

    const Outcome behind = cli({"status"});
    EXPECT_EQ(behind.code, 3);
    const Json problems = parse_document(behind.out, "status");
    testing::expect_status(problems);
    EXPECT_EQ(problems["problems"], Json({"2 revision(s) not applied: c3, d4"}));

    ASSERT_EQ(cli({"upgrade"}).code, 0);
    const Outcome at_head = cli({"status"});
    EXPECT_EQ(at_head.code, 0) << at_head.err;
    EXPECT_EQ(parse_document(at_head.out, "status")["ok"], true);

    const Json downgraded = parse_document(cli({"downgrade", "base"}).out, "downgrade");
    testing::expect_result(downgraded);
    EXPECT_EQ(downgraded["revisions"], Json({"d4", "c3", "b2", "a1"}));
    EXPECT_EQ(downgraded["to"], Json::array());

    const Json stamped = parse_document(cli({"stamp", "heads"}).out, "stamp");
    testing::expect_result(stamped);
    EXPECT_EQ(stamped["to"], Json({"d4"}));
}

TEST_F(PostgresqlCliJson, AStatementThatFailsIsAnErrorDocumentNamingTheRevision) {
    testing::CatalogBuilder builder;
    builder.add("a1").up("CREATE TABLE t (id int);").down("DROP TABLE t;");
    builder.add("b2", {"a1"}).up("INSERT INTO missing VALUES (1);").down("SELECT 1;");
    catalog_ = builder.build();
    const Outcome outcome = cli({"upgrade"});
    EXPECT_EQ(outcome.code, 1);
    const Json document = parse_document(outcome.out, "upgrade");
    testing::expect_error(document, 1, true);
    EXPECT_EQ(document["error"]["kind"], "statement_failed");
    EXPECT_EQ(document["error"]["revision"], "b2");
    EXPECT_EQ(document["error"]["file"], "migrations/b2.sql");
    EXPECT_NE(document["error"]["database_code"], 0);
    EXPECT_NE(outcome.err.find("\napp: error: migrations/b2.sql:6: b2 upgrade failed: relation \"missing\" does not "
                               "exist"),
              std::string::npos)
        << outcome.err;
    EXPECT_EQ(document["error"]["line"], 6);
}

TEST_F(PostgresqlCliJson, AConnectionErrorIsOneLineAndADocumentWithoutThePassword) {
    const Outcome outcome =
        testing::run_cli_captured(catalog_, "sqlite:///unused.db",
                                  {"app", "--format", "json", "--database",
                                   "postgresql://app:s3cretpw@127.0.0.1:1/app?connect_timeout=2", "current"});
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(std::count(outcome.err.begin(), outcome.err.end(), '\n'), 1) << outcome.err;
    EXPECT_EQ(outcome.err.rfind("app: error: cannot connect to postgresql://app:***@127.0.0.1:1/app", 0), 0U)
        << outcome.err;
    EXPECT_EQ(outcome.out.find("s3cretpw"), std::string::npos) << outcome.out;
    const Json document = parse_document(outcome.out, "current");
    testing::expect_error(document, 1, true);
    EXPECT_EQ(document["error"]["kind"], "database");
}

}  // namespace
}  // namespace migrations
