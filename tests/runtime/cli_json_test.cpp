// @brief run_cli --format json on SQLite: each verb's document parsed by a real JSON parser and
// checked against the schema of docs/cli.md; errors as documents; the text output unchanged.
#include <gtest/gtest.h>

#include <cstdlib>
#include <migrations/migrations.hpp>

#include "cli/json.hpp"
#include "support/cli_capture.hpp"
#include "support/json_schema.hpp"
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

namespace migrations {
namespace {

using testing::Json;
using testing::parse_document;
using Outcome = testing::CliOutcome;

class CliJson : public ::testing::Test {
protected:
    void SetUp() override { unsetenv("DATABASE_URL"); }

    Outcome cli(std::vector<std::string> args) {
        args.insert(args.begin(), {"app", "--format", "json"});
        return testing::run_cli_captured(catalog_, url_, args);
    }

    testing::TempDir dir_;
    std::string url_ = "sqlite:///" + dir_.file("app.db");
    // a1 branches into b2 and c3 (labelled), merged by d4.
    Catalog catalog_ = testing::graph_catalog("a1:;b2:a1;c3:a1#feature;d4:b2,c3");
};

TEST_F(CliJson, UpgradePrintsOneDocumentWithWhatRan) {
    const Outcome up = cli({"upgrade", "b2"});
    ASSERT_EQ(up.code, 0) << up.err;
    const Json document = parse_document(up.out, "upgrade");
    testing::expect_result(document);
    EXPECT_EQ(document["database"], url_);
    EXPECT_EQ(document["from"], Json::array());
    EXPECT_EQ(document["to"], Json({"b2"}));
    EXPECT_EQ(document["revisions"], Json({"a1", "b2"}));
    EXPECT_EQ(document["fast_path"], false);
    EXPECT_EQ(up.err, "app: running upgrade a1 (revision a1)\napp: running upgrade b2 (revision b2)\n");

    const Json again = parse_document(cli({"upgrade", "b2"}).out, "upgrade");
    testing::expect_result(again);
    EXPECT_EQ(again["revisions"], Json::array());
    EXPECT_EQ(again["fast_path"], true);
}

TEST_F(CliJson, DowngradeAndStampPrintTheSameShape) {
    ASSERT_EQ(cli({"upgrade"}).code, 0);
    const Outcome down = cli({"downgrade", "-1"});
    ASSERT_EQ(down.code, 0) << down.err;
    const Json reverted = parse_document(down.out, "downgrade");
    testing::expect_result(reverted);
    EXPECT_EQ(reverted["from"], Json({"d4"}));
    EXPECT_EQ(reverted["to"], Json({"b2", "c3"}));
    EXPECT_EQ(reverted["revisions"], Json({"d4"}));
    const Json stamped = parse_document(cli({"stamp", "a1"}).out, "stamp");
    testing::expect_result(stamped);
    EXPECT_EQ(stamped["to"], Json({"a1"}));
    EXPECT_EQ(stamped["revisions"], Json::array());
}

TEST_F(CliJson, CurrentListsTheCurrentRevisionsOrNoneAtBase) {
    { testing::Db empty(dir_.file("app.db")); }  // current reads a database, never creates one
    const Json at_base = parse_document(cli({"current"}).out, "current");
    testing::expect_current(at_base);
    EXPECT_EQ(at_base["current"], Json::array());
    ASSERT_EQ(cli({"upgrade", "heads"}).code, 0);
    ASSERT_EQ(cli({"downgrade", "-1"}).code, 0);
    const Json document = parse_document(cli({"current"}).out, "current");
    testing::expect_current(document);
    ASSERT_EQ(document["current"].size(), 2U) << document.dump();
    EXPECT_EQ(document["current"][0]["revision"], "b2");
    EXPECT_EQ(document["current"][0]["known"], true);
    EXPECT_EQ(document["current"][0]["head"], false);
    EXPECT_EQ(document["current"][0]["state"], "applied");
    EXPECT_EQ(document["current"][1]["revision"], "c3");
}

TEST_F(CliJson, CurrentMarksARevisionThisBinaryDoesNotKnow) {
    ASSERT_EQ(cli({"upgrade"}).code, 0);
    const Catalog older = testing::graph_catalog("a1:;b2:a1;c3:a1#feature");
    const Outcome outcome = testing::run_cli_captured(older, url_, {"app", "--format", "json", "current"});
    ASSERT_EQ(outcome.code, 0) << outcome.err;
    const Json document = parse_document(outcome.out, "current");
    testing::expect_current(document);
    ASSERT_FALSE(document["current"].empty());
    EXPECT_EQ(document["current"].back(), Json::parse(R"({"revision":"d4","known":false})"));
}

TEST_F(CliJson, HistoryListsEveryRevisionNewestFirstWithItsState) {
    ASSERT_EQ(cli({"upgrade", "b2"}).code, 0);
    const Json document = parse_document(cli({"history"}).out, "history");
    testing::expect_history(document, true);
    const Json& revisions = document["revisions"];
    ASSERT_EQ(revisions.size(), 4U);
    EXPECT_EQ(revisions[0]["revision"], "d4");
    EXPECT_EQ(revisions[0]["parents"], Json({"b2", "c3"}));
    EXPECT_EQ(revisions[0]["mergepoint"], true);
    EXPECT_EQ(revisions[0]["head"], true);
    EXPECT_EQ(revisions[0]["state"], "not_applied");
    EXPECT_EQ(revisions[1]["revision"], "c3");
    EXPECT_EQ(revisions[1]["branch_labels"], Json({"feature"}));
    EXPECT_EQ(revisions[2]["revision"], "b2");
    EXPECT_EQ(revisions[2]["current"], true);
    EXPECT_EQ(revisions[2]["state"], "applied");
    EXPECT_EQ(revisions[3]["revision"], "a1");
    EXPECT_EQ(revisions[3]["branchpoint"], true);
    EXPECT_EQ(revisions[3]["children"], Json({"b2", "c3"}));
    EXPECT_EQ(revisions[3]["parents"], Json::array());
    EXPECT_EQ(revisions[3]["current"], false);
}

TEST_F(CliJson, HeadsAndShowDescribeRevisionsOfTheCatalog) {
    const Json heads = parse_document(cli({"heads"}).out, "heads");
    testing::expect_members(heads, {{"format_version", testing::Type::integer},
                                    {"command", testing::Type::string},
                                    {"heads", testing::Type::array}});
    ASSERT_EQ(heads["heads"].size(), 1U);
    testing::expect_revision(heads["heads"][0]);
    EXPECT_EQ(heads["heads"][0]["revision"], "d4");

    const Json show = parse_document(cli({"show", "feature"}).out, "show");
    testing::expect_members(show, {{"format_version", testing::Type::integer},
                                   {"command", testing::Type::string},
                                   {"revisions", testing::Type::array}});
    ASSERT_EQ(show["revisions"].size(), 1U);
    testing::expect_revision(show["revisions"][0]);
    EXPECT_EQ(show["revisions"][0]["revision"], "c3");
    EXPECT_EQ(show["revisions"][0]["file"], "migrations/c3.sql");
    EXPECT_EQ(show["revisions"][0]["created"], nullptr);
    EXPECT_EQ(show["revisions"][0]["children"], Json({"d4"}));
}

TEST_F(CliJson, StatusReportsProblemsInTheDocumentAndExitsThree) {
    ASSERT_EQ(cli({"upgrade", "b2"}).code, 0);
    const Outcome behind = cli({"status"});
    EXPECT_EQ(behind.code, 3);
    const Json problems = parse_document(behind.out, "status");
    testing::expect_status(problems);
    EXPECT_EQ(problems["ok"], false);
    EXPECT_EQ(problems["problems"], Json({"2 revision(s) not applied: c3, d4"}));
    EXPECT_EQ(behind.err, "app: check failed for " + url_ + ": 2 revision(s) not applied: c3, d4\n");

    ASSERT_EQ(cli({"upgrade"}).code, 0);
    const Outcome at_head = cli({"check"});  // the old name, same document
    EXPECT_EQ(at_head.code, 0) << at_head.err;
    const Json ok = parse_document(at_head.out, "status");
    testing::expect_status(ok);
    EXPECT_EQ(ok["ok"], true);
    EXPECT_EQ(at_head.err, "");
}

TEST_F(CliJson, RepairListsTheRewrittenChecksums) {
    ASSERT_EQ(cli({"upgrade"}).code, 0);
    const Json document = parse_document(cli({"repair"}).out, "repair");
    testing::expect_members(document, {{"format_version", testing::Type::integer},
                                       {"command", testing::Type::string},
                                       {"database", testing::Type::string},
                                       {"repaired", testing::Type::array}});
    EXPECT_EQ(document["repaired"], Json::array());
}

TEST_F(CliJson, AMigrationErrorIsADocumentOnStdoutAndTheUsualLineOnStderr) {
    const Outcome outcome = cli({"upgrade", "zz"});
    EXPECT_EQ(outcome.code, 1);
    const Json document = parse_document(outcome.out, "upgrade");
    testing::expect_error(document, 1, true);
    EXPECT_EQ(document["error"]["kind"], "bad_target");
    EXPECT_EQ(document["error"]["message"],
              "unknown target 'zz': no revision id, id prefix or branch label matches it");
    EXPECT_EQ(outcome.err, "app: error: unknown target 'zz': no revision id, id prefix or branch label matches it\n");
}

TEST_F(CliJson, UsageErrorsAreDocumentsToo) {
    const Outcome unknown = cli({"upgarde"});
    EXPECT_EQ(unknown.code, 2);
    const Json document = parse_document(unknown.out, "");
    testing::expect_error(document, 2, false);
    EXPECT_TRUE(document["command"].is_null());
    EXPECT_EQ(document["error"]["message"].get<std::string>().rfind("unknown command 'upgarde' (did you mean "
                                                                    "'upgrade'?); expected one of upgrade, ",
                                                                    0),
              0U)
        << document.dump();

    const Outcome missing = cli({"downgrade"});
    EXPECT_EQ(missing.code, 2);
    const Json missing_target = parse_document(missing.out, "downgrade");
    testing::expect_error(missing_target, 2, false);
    EXPECT_EQ(missing_target["error"]["message"], "target is required");
    EXPECT_EQ(missing.err, "app: target is required (see app --help)\n");

    const Outcome script = cli({"sql", "head"});
    EXPECT_EQ(script.code, 2);
    testing::expect_error(parse_document(script.out, "sql"), 2, false);
    EXPECT_EQ(script.err, "app: sql prints a script; --format json applies to the other verbs (see app --help)\n");
}

TEST_F(CliJson, APasswordInAnErrorDocumentIsMasked) {
    const Outcome outcome = testing::run_cli_captured(
        catalog_, url_, {"app", "--format=json", "--database", "nosuch://u:S3cretPw@h/db", "current"});
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(outcome.out.find("S3cretPw"), std::string::npos) << outcome.out;
    testing::expect_error(parse_document(outcome.out, "current"), 1, true);
}

TEST_F(CliJson, TextStaysTheDefaultAndAnUnknownFormatIsAUsageError) {
    const Outcome text = testing::run_cli_captured(catalog_, url_, {"app", "heads"});
    EXPECT_EQ(text.out, "d4 (head) (mergepoint), revision d4\n");
    const Outcome bad = testing::run_cli_captured(catalog_, url_, {"app", "--format", "yaml", "heads"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_EQ(bad.out, "");
    EXPECT_EQ(bad.err.rfind("app: --format: yaml not in {text,json}", 0), 0U) << bad.err;
}

TEST(JsonQuote, EscapesControlCharactersAndReplacesBytesThatAreNotUtf8) {
    const Json parsed = Json::parse(cli::json_quote(std::string("a\"b\\c\n\t\x01 \xC3\xA9 \xFF end")));
    EXPECT_EQ(parsed.get<std::string>(), "a\"b\\c\n\t\x01 \xC3\xA9 \xEF\xBF\xBD end");
}

}  // namespace
}  // namespace migrations
