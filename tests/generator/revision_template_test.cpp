// @brief Tests of the new-revision template: slugs, ids, and that every rendered file parses.
#include "revision_template.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "parser.hpp"

namespace migrations::generator {
namespace {

std::vector<std::string> parse_errors(const std::string& text) {
    Diagnostics diagnostics;
    (void)parse_revision(text, "new.sql", kAllDialects, diagnostics);
    std::vector<std::string> errors;
    for (const Diagnostic& diagnostic : diagnostics.sorted()) errors.push_back(format(diagnostic));
    return errors;
}

NewRevision sample(std::vector<std::string> parents) {
    NewRevision revision;
    revision.id = "0123456789ab";
    revision.parents = std::move(parents);
    revision.message = "add email to users";
    revision.created = "2026-11-23 10:00:00+00:00";
    return revision;
}

TEST(RevisionTemplate, SlugsTheMessageForTheFileName) {
    EXPECT_EQ(slug("Add email to users!"), "add_email_to_users");
    EXPECT_EQ(slug("  --drop  'legacy' table--  "), "drop_legacy_table");
    EXPECT_EQ(slug("caf\xc3\xa9 menu"), "caf_menu");
    EXPECT_EQ(slug("!!!"), "");
    EXPECT_EQ(slug(std::string(60, 'a')).size(), 40U);
    NewRevision revision = sample({});
    EXPECT_EQ(revision_file_name(revision), "0123456789ab_add_email_to_users.sql");
    revision.message = "???";
    EXPECT_EQ(revision_file_name(revision), "0123456789ab.sql");
}

TEST(RevisionTemplate, MakesTwelveHexDigitsNotAlreadyTaken) {
    const std::string id = fresh_revision_id({});
    EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{12}"))) << id;
    EXPECT_NE(fresh_revision_id({id}), id);
}

TEST(RevisionTemplate, WritesTheCreatedTimeInUtc) {
    EXPECT_TRUE(
        std::regex_match(created_now(), std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\+00:00")));
}

TEST(RevisionTemplate, RendersARevisionWhoseOnlyProblemIsTheEmptyUpgrade) {
    const std::string text = render_revision(sample({"ffffffffffff"}));
    EXPECT_EQ(text.rfind("-- revision: 0123456789ab\n-- down_revision: ffffffffffff\n-- message: add email to users\n"
                         "-- created: 2026-11-23 10:00:00+00:00\n\n-- upgrade\n",
                         0),
              0U)
        << text;
    EXPECT_EQ(
        parse_errors(text),
        (std::vector<std::string>{"new.sql:6: error: section '-- upgrade' is empty: an upgrade must contain SQL"}));
    EXPECT_NE(render_revision(sample({})).find("-- down_revision: none\n"), std::string::npos);
}

TEST(RevisionTemplate, RendersAnIrreversibleRevision) {
    NewRevision revision = sample({"ffffffffffff"});
    revision.irreversible = true;
    const std::string text = render_revision(revision);
    EXPECT_NE(text.find("\n-- downgrade: irreversible\n"), std::string::npos) << text;
    EXPECT_EQ(parse_errors(text).size(), 1U);  // the empty upgrade only
}

TEST(RevisionTemplate, RendersAMergeThatParsesWithoutError) {
    const std::string text = render_revision(sample({"aaaaaaaaaaaa", "bbbbbbbbbbbb"}));
    EXPECT_NE(text.find("-- down_revision: aaaaaaaaaaaa, bbbbbbbbbbbb\n"), std::string::npos) << text;
    EXPECT_EQ(parse_errors(text), std::vector<std::string>{});
}

}  // namespace
}  // namespace migrations::generator
