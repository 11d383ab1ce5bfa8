// @brief The safety lint's rules, table-driven: each fires on the unsafe form, stays silent on
// the safe one, and is silenced by `-- migrations: allow <rule-id>` on the line before.
#include "checks/lint.hpp"

#include "corpora.hpp"

#include "case_name.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <string>
#include <utility>
#include <vector>

namespace migrations::generator {
namespace {

struct Case {
    const char* name;
    const char* sql;
    /// Expected (line, rule) pairs, the section starting on line 10.
    std::vector<std::pair<std::uint32_t, std::string>> found;
    bool transactional = true;
};

const std::vector<Case> kCases = {
    // create-index-without-concurrently
    {"index on an existing table",
     "CREATE INDEX todos_done ON todos (done);",
     {{10, "create-index-without-concurrently"}}},
    {"index built concurrently", "CREATE INDEX CONCURRENTLY todos_done ON todos (done);", {}, false},
    {"index on a table of the same revision", "CREATE TABLE todos (done bool);\nCREATE INDEX i ON todos (done);", {}},
    {"index allowed", "-- migrations: allow create-index-without-concurrently\nCREATE INDEX i ON todos (done);", {}},
    // add-column-volatile-default
    {"volatile default",
     "ALTER TABLE todos ADD COLUMN token uuid DEFAULT gen_random_uuid();",
     {{10, "add-column-volatile-default"}}},
    {"volatile default inside a cast",
     "ALTER TABLE todos ADD COLUMN r int DEFAULT (random() * 10)::int;",
     {{10, "add-column-volatile-default"}}},
    {"serial column added", "ALTER TABLE todos ADD COLUMN n bigserial;", {{10, "add-column-volatile-default"}}},
    {"constant and stable defaults",
     "ALTER TABLE todos ADD COLUMN a int DEFAULT 0, ADD COLUMN b timestamptz DEFAULT now();",
     {}},
    {"volatile default allowed",
     "-- migrations: allow add-column-volatile-default\nALTER TABLE todos ADD COLUMN r float DEFAULT random();",
     {}},
    // column-type-change
    {"type change", "ALTER TABLE todos ALTER COLUMN id TYPE bigint;", {{10, "column-type-change"}}},
    {"type change to text", "ALTER TABLE todos ALTER COLUMN title TYPE text;", {}},
    {"type change allowed", "-- migrations: allow column-type-change\nALTER TABLE todos ALTER id TYPE bigint;", {}},
    // set-not-null
    {"set not null", "ALTER TABLE todos ALTER COLUMN title SET NOT NULL;", {{10, "set-not-null"}}},
    {"set not null after a validated check",
     "ALTER TABLE todos ADD CONSTRAINT title_nn CHECK (title IS NOT NULL) NOT VALID;\n"
     "ALTER TABLE todos VALIDATE CONSTRAINT title_nn;\n"
     "ALTER TABLE todos ALTER COLUMN title SET NOT NULL;",
     {}},
    {"set not null after a check never validated",
     "ALTER TABLE todos ADD CONSTRAINT title_nn CHECK (title IS NOT NULL) NOT VALID;\n"
     "ALTER TABLE todos ALTER COLUMN title SET NOT NULL;",
     {{11, "set-not-null"}}},
    {"set not null allowed", "-- migrations: allow set-not-null\nALTER TABLE todos ALTER title SET NOT NULL;", {}},
    // constraint-without-not-valid
    {"foreign key",
     "ALTER TABLE todos ADD CONSTRAINT fk FOREIGN KEY (owner) REFERENCES users (id);",
     {{10, "constraint-without-not-valid"}}},
    {"check", "ALTER TABLE todos ADD CONSTRAINT positive CHECK (id > 0);", {{10, "constraint-without-not-valid"}}},
    {"foreign key not valid",
     "ALTER TABLE todos ADD CONSTRAINT fk FOREIGN KEY (owner) REFERENCES users (id) NOT VALID;\n"
     "ALTER TABLE todos VALIDATE CONSTRAINT fk;",
     {}},
    {"unique is another matter", "ALTER TABLE todos ADD CONSTRAINT u UNIQUE (title);", {}},
    {"check allowed", "-- migrations: allow constraint-without-not-valid\nALTER TABLE todos ADD CHECK (id > 0);", {}},
    // enum-label-used-in-transaction
    {"new label used at once",
     "ALTER TYPE state ADD VALUE 'archived';\nUPDATE todos SET state = 'archived' WHERE done;",
     {{11, "enum-label-used-in-transaction"}}},
    {"new label used on a later line of a statement",
     "ALTER TYPE state ADD VALUE 'archived';\nUPDATE todos\n  SET state = 'archived';",
     {{12, "enum-label-used-in-transaction"}}},
    {"new label not used", "ALTER TYPE state ADD VALUE 'archived';\nUPDATE todos SET state = 'done';", {}},
    {"new label in a revision that is not transactional",
     "ALTER TYPE state ADD VALUE 'archived';\nUPDATE todos SET state = 'archived';",
     {},
     false},
    {"new label use allowed",
     "ALTER TYPE state ADD VALUE 'archived';\n-- migrations: allow enum-label-used-in-transaction\n"
     "UPDATE todos SET state = 'archived';",
     {}},
    // rename-or-drop
    {"rename a table", "ALTER TABLE todos RENAME TO tasks;", {{10, "rename-or-drop"}}},
    {"rename a column", "ALTER TABLE todos RENAME COLUMN title TO name;", {{10, "rename-or-drop"}}},
    {"drop a column", "ALTER TABLE todos DROP COLUMN title;", {{10, "rename-or-drop"}}},
    {"drop a table", "DROP TABLE IF EXISTS todos;", {{10, "rename-or-drop"}}},
    {"drop a table of the same revision", "CREATE TABLE scratch (a int);\nDROP TABLE scratch;", {}},
    {"add a column", "ALTER TABLE todos ADD COLUMN note text;", {}},
    {"drop allowed, among several ids",
     "-- migrations: allow set-not-null, rename-or-drop\nALTER TABLE todos DROP COLUMN title;",
     {}},
    {"allow comment for another rule",
     "-- migrations: allow set-not-null\nDROP TABLE todos;",
     {{11, "rename-or-drop"}}},
    {"allow comment two lines before",
     "-- migrations: allow rename-or-drop\n\nDROP TABLE todos;",
     {{12, "rename-or-drop"}}},
    // words in strings, comments and bodies never match
    {"statements in a body",
     "CREATE FUNCTION f() RETURNS void AS $$ BEGIN DROP TABLE todos; END $$ LANGUAGE plpgsql;\n"
     "-- DROP TABLE todos;\nSELECT 'ALTER TABLE todos DROP COLUMN x';",
     {}},
};

class Lint : public ::testing::TestWithParam<Case> {};

TEST_P(Lint, FindsExactlyTheExpectedStatements) {
    const Case& c = GetParam();
    const ParsedSection parsed(c.sql, 10);
    ASSERT_TRUE(parsed.errors().empty()) << parsed.errors().front().message;
    RevisionLint lint(c.transactional);
    lint.check(parsed, c.sql, 10);
    std::vector<std::pair<std::uint32_t, std::string>> found;
    for (const LintFinding& finding : lint.findings()) found.emplace_back(finding.line, finding.rule);
    EXPECT_EQ(found, c.found);
}

INSTANTIATE_TEST_SUITE_P(Rules, Lint, ::testing::ValuesIn(kCases), testing_support::case_name<Case>);

TEST(LintMessage, NamesTheRuleWhatItFoundTheReasonAndTheAlternative) {
    const char* sql = "CREATE INDEX todos_done ON todos (done);";
    const ParsedSection parsed(sql, 4);
    RevisionLint lint(true);
    lint.check(parsed, sql, 4);
    ASSERT_EQ(lint.findings().size(), 1U);
    EXPECT_EQ(lint.findings()[0].message,
              "[create-index-without-concurrently] CREATE INDEX on existing table todos: CREATE INDEX blocks writes "
              "to the table until the index is built; use CREATE INDEX CONCURRENTLY in a revision of its own with "
              "`-- transactional: false`");
}

TEST(LintCorpora, FindsNothingInTheExampleProjectAndTheTestCorpora) {
    std::size_t files = 0;
    testing::for_each_corpus_revision(
        [&](const std::filesystem::path& path, const RevisionFile& file, const Diagnostics& diagnostics) {
            ++files;
            EXPECT_TRUE(diagnostics.empty()) << path << ": " << diagnostics.all().front().message;
            for (const LintFinding& finding : file.lint)
                ADD_FAILURE() << path << ":" << finding.line << ": " << finding.message;
        });
    EXPECT_GT(files, 10U);
}

// A generic section holding SQLite's trigger syntax, then a PostgreSQL one the lint flags.
RevisionFile parse_with(const std::string& upgrade, Diagnostics& diagnostics, PostgresqlParse postgresql_parse) {
    return parse_revision("-- revision: a1\n-- down_revision: none\n-- message: m\n\n-- upgrade\n" + upgrade +
                              "\n-- downgrade\nSELECT 1;\n",
                          "a1.sql", kAllDialects, diagnostics, EmptyUpgrade::refused, postgresql_parse);
}

TEST(PostgresqlParseOption, CheckedReportsSyntaxErrorsAndLints) {
    Diagnostics diagnostics;
    parse_with("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END;", diagnostics, PostgresqlParse::checked);
    ASSERT_EQ(diagnostics.size(), 1U);
    EXPECT_EQ(format(diagnostics.all()[0]), "a1.sql:6:36: error: syntax error at or near \"BEGIN\"");
    Diagnostics none;
    EXPECT_EQ(parse_with("DROP TABLE y;", none, PostgresqlParse::checked).lint.size(), 1U);
}

TEST(PostgresqlParseOption, SkippedLeavesSyntaxAndLintToTheBuild) {
    Diagnostics diagnostics;
    parse_with("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END;", diagnostics, PostgresqlParse::skipped);
    EXPECT_TRUE(diagnostics.empty());
    EXPECT_TRUE(parse_with("DROP TABLE y;", diagnostics, PostgresqlParse::skipped).lint.empty());
}

// The developer verbs build catalogs too: the parse that finds commit boundaries and the
// transaction checks runs whatever PostgresqlParse says.
TEST(PostgresqlParseOption, SkippedStillMarksCommitBoundariesAndRefusesTransactionControl) {
    Diagnostics diagnostics;
    const RevisionFile file = parse_with("CREATE TYPE mood AS ENUM ('ok');\nALTER TYPE mood ADD VALUE 'sad';",
                                         diagnostics, PostgresqlParse::skipped);
    EXPECT_TRUE(diagnostics.empty());
    ASSERT_EQ(file.commit_boundaries.size(), 1U);
    EXPECT_EQ(file.commit_boundaries[0].line, 7U);
    EXPECT_EQ(file.commit_boundaries[0].statement, "ALTER TYPE ... ADD VALUE");
    parse_with("CREATE INDEX CONCURRENTLY i ON t (a);", diagnostics, PostgresqlParse::skipped);
    ASSERT_EQ(diagnostics.size(), 1U);
    EXPECT_EQ(format(diagnostics.all()[0]),
              "a1.sql:6: error: CREATE INDEX CONCURRENTLY cannot run inside a transaction "
              "block; add `-- transactional: false` to the header of this revision to run "
              "it on its own");
}

TEST(LintRules, EachRuleHasAnIdAReasonAndAnAlternative) {
    EXPECT_EQ(lint_rules().size(), 7U);
    for (const LintRule& rule : lint_rules()) {
        EXPECT_FALSE(rule.id.empty());
        EXPECT_FALSE(rule.reason.empty());
        EXPECT_FALSE(rule.alternative.empty());
    }
}

}  // namespace
}  // namespace migrations::generator
