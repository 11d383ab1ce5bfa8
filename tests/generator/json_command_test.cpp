// @brief `migrations ... --format json`, through the built executable: the tool's own verbs
// (heads, history, show, validate) and the database verbs it forwards to run_cli, each
// document parsed by a real JSON parser and checked against the schema of docs/cli.md.
#include <gtest/gtest.h>

#include "schema_fixture.hpp"
#include "support/json_schema.hpp"
#include "tool_runner.hpp"

namespace migrations::generator {
namespace {

using namespace testing_support;
using migrations::testing::Json;
using migrations::testing::parse_document;

class JsonCommands : public ::testing::Test {
protected:
    void SetUp() override { write_schema_revisions(dir_); }

    ToolRun tool(std::vector<std::string> args) const {
        args.insert(args.end(), {"--format", "json", "--dir", dir_.str() + "/migrations"});
        return run_tool(args);
    }

    std::string url() const { return "sqlite:///" + (dir_.path() / "app.db").string(); }

    TempDir dir_;
};

TEST_F(JsonCommands, HeadsHistoryAndShowPrintTheApplicationsDocuments) {
    const ToolRun heads = tool({"heads"});
    ASSERT_EQ(heads.code, 0) << heads.err;
    const Json head_document = parse_document(heads.out, "heads");
    ASSERT_EQ(head_document["heads"].size(), 1U);
    migrations::testing::expect_revision(head_document["heads"][0]);
    EXPECT_EQ(head_document["heads"][0]["revision"], "c3");
    EXPECT_EQ(head_document["heads"][0]["transactional"], false);

    const ToolRun history = tool({"history"});
    ASSERT_EQ(history.code, 0) << history.err;
    const Json offline = parse_document(history.out, "history");
    migrations::testing::expect_history(offline, false);
    ASSERT_EQ(offline["revisions"].size(), 3U);
    EXPECT_EQ(offline["revisions"][2]["revision"], "a1");

    ASSERT_EQ(tool({"upgrade", "b2", "--database", url()}).code, 0);
    const ToolRun live = tool({"history", "--database", url()});
    ASSERT_EQ(live.code, 0) << live.err;
    const Json with_state = parse_document(live.out, "history");
    migrations::testing::expect_history(with_state, true);
    EXPECT_EQ(with_state["database"], url());
    EXPECT_EQ(with_state["revisions"][0]["state"], "not_applied");
    EXPECT_EQ(with_state["revisions"][1]["current"], true);

    const ToolRun show = tool({"show", "b2"});
    ASSERT_EQ(show.code, 0) << show.err;
    const Json shown = parse_document(show.out, "show");
    ASSERT_EQ(shown["revisions"].size(), 1U);
    migrations::testing::expect_revision(shown["revisions"][0]);
    EXPECT_EQ(shown["revisions"][0]["children"], Json({"c3"}));
}

TEST_F(JsonCommands, TheDatabaseVerbsPrintRunClisDocuments) {
    const ToolRun up = tool({"upgrade", "--database", url()});
    ASSERT_EQ(up.code, 0) << up.err;
    const Json upgraded = parse_document(up.out, "upgrade");
    migrations::testing::expect_result(upgraded);
    EXPECT_EQ(upgraded["revisions"], Json({"a1", "b2", "c3"}));

    const ToolRun cur = tool({"current", "--database", url()});
    const Json current = parse_document(cur.out, "current");
    migrations::testing::expect_current(current);
    EXPECT_EQ(current["current"][0]["revision"], "c3");

    const ToolRun status = tool({"status", "--database", url()});
    EXPECT_EQ(status.code, 0) << status.err;
    migrations::testing::expect_status(parse_document(status.out, "status"));

    const ToolRun down = tool({"downgrade", "base", "--database", url()});
    const Json downgraded = parse_document(down.out, "downgrade");
    migrations::testing::expect_result(downgraded);
    EXPECT_EQ(downgraded["to"], Json::array());

    const ToolRun behind = tool({"status", "--database", url()});
    EXPECT_EQ(behind.code, 3);
    EXPECT_EQ(parse_document(behind.out, "status")["ok"], false);
}

TEST_F(JsonCommands, ValidatePrintsTheSummaryAsADocument) {
    const ToolRun run = tool({"validate"});
    ASSERT_EQ(run.code, 0) << run.err;
    const Json document = parse_document(run.out, "validate");
    migrations::testing::expect_members(document, {{"format_version", migrations::testing::Type::integer},
                                                   {"command", migrations::testing::Type::string},
                                                   {"directory", migrations::testing::Type::string},
                                                   {"revisions", migrations::testing::Type::integer},
                                                   {"heads", migrations::testing::Type::strings}});
    EXPECT_EQ(document["revisions"], 3);
    EXPECT_EQ(document["heads"], Json({"c3"}));
}

TEST_F(JsonCommands, AFailureIsAnErrorDocumentAndTheUsualStderr) {
    dir_.write("migrations/d.sql", revision_text("d4", "zz"));
    const ToolRun broken = tool({"validate"});
    EXPECT_EQ(broken.code, 1);
    const Json diagnostics = parse_document(broken.out, "validate");
    migrations::testing::expect_error(diagnostics, 1, false);
    EXPECT_EQ(diagnostics["error"]["message"], broken.err.substr(0, broken.err.size() - 1));
    EXPECT_NE(broken.err.find("d.sql:2: error: "), std::string::npos) << broken.err;

    const ToolRun no_database = run_tool({"upgrade", "--format", "json", "--dir", dir_.str() + "/migrations"});
    EXPECT_EQ(no_database.code, 2);
    const Json usage = parse_document(no_database.out, "upgrade");
    migrations::testing::expect_error(usage, 2, false);
    EXPECT_EQ(usage["error"]["message"], "no database: give --database URL or set DATABASE_URL");
    EXPECT_EQ(no_database.err, "migrations upgrade: error: no database: give --database URL or set DATABASE_URL\n");

    dir_.write("migrations/d.sql", revision_text("d4", "c3"));
    const ToolRun bad_target = tool({"upgrade", "nope", "--database", url()});
    EXPECT_EQ(bad_target.code, 1);
    const Json runtime_error = parse_document(bad_target.out, "upgrade");
    migrations::testing::expect_error(runtime_error, 1, true);
    EXPECT_EQ(runtime_error["error"]["kind"], "bad_target");

    const ToolRun unknown = run_tool({"head", "--format", "json"});
    EXPECT_EQ(unknown.code, 2);
    const Json unknown_verb = parse_document(unknown.out, "");
    migrations::testing::expect_error(unknown_verb, 2, false);
    EXPECT_EQ(unknown_verb["error"]["message"],
              "unknown command 'head' (did you mean 'heads'?); see migrations --help");
}

}  // namespace
}  // namespace migrations::generator
