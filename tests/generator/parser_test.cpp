// @brief Tests of the revision file parser: the format, and every per-file error.
#include "parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace migrations::generator {
namespace {

constexpr const char* kPath = "migrations/4c1d_add.sql";

const std::string kGood =
    "-- revision: 4c1d2e7f9a0b\n"
    "-- down_revision: 9a8b7c6d5e4f\n"
    "-- message: add deleted_at to todos\n"
    "-- created: 2026-11-21 10:14:03+00:00\n"
    "\n"
    "-- upgrade\n"
    "ALTER TABLE todos ADD COLUMN deleted_at TIMESTAMP;\n"
    "\n"
    "-- downgrade\n"
    "ALTER TABLE todos DROP COLUMN deleted_at;\n";

struct Parsed {
    RevisionFile file;
    std::vector<Diagnostic> diagnostics;
};

Parsed parse(const std::string& text, std::uint32_t dialects = kAllDialects) {
    Diagnostics diagnostics;
    RevisionFile file = parse_revision(text, kPath, dialects, diagnostics);
    return {std::move(file), diagnostics.sorted()};
}

std::string crlf(const std::string& text) {
    std::string result;
    for (char c : text) {
        if (c == '\n') result += '\r';
        result += c;
    }
    return result;
}

TEST(RevisionParser, ReadsTheHeaderAndSections) {
    const Parsed parsed = parse(kGood);
    ASSERT_TRUE(parsed.diagnostics.empty()) << format(parsed.diagnostics.front());
    const RevisionFile& file = parsed.file;
    EXPECT_TRUE(file.well_formed);
    EXPECT_EQ(file.id, "4c1d2e7f9a0b");
    EXPECT_EQ(file.id_line, 1U);
    ASSERT_EQ(file.parents.size(), 1U);
    EXPECT_EQ(file.parents[0].name, "9a8b7c6d5e4f");
    EXPECT_EQ(file.parents[0].line, 2U);
    EXPECT_EQ(file.message, "add deleted_at to todos");
    EXPECT_EQ(file.created, "2026-11-21 10:14:03+00:00");
    EXPECT_TRUE(file.transactional);
    EXPECT_FALSE(file.irreversible);
    ASSERT_EQ(file.upgrade.size(), 1U);
    EXPECT_FALSE(file.upgrade[0].dialect.has_value());
    EXPECT_EQ(file.upgrade[0].marker_line, 6U);
    EXPECT_EQ(file.upgrade[0].first_line, 7U);
    EXPECT_EQ(file.upgrade[0].sql, "ALTER TABLE todos ADD COLUMN deleted_at TIMESTAMP;\n\n");
    ASSERT_EQ(file.downgrade.size(), 1U);
    EXPECT_EQ(file.downgrade[0].first_line, 10U);
    EXPECT_EQ(file.downgrade[0].sql, "ALTER TABLE todos DROP COLUMN deleted_at;\n");
}

TEST(RevisionParser, AcceptsCrlfLineEndings) {
    const Parsed parsed = parse(crlf(kGood));
    ASSERT_TRUE(parsed.diagnostics.empty()) << format(parsed.diagnostics.front());
    EXPECT_EQ(parsed.file.id, "4c1d2e7f9a0b");
    EXPECT_EQ(parsed.file.message, "add deleted_at to todos");
    EXPECT_EQ(parsed.file.upgrade[0].first_line, 7U);
    EXPECT_EQ(parsed.file.upgrade[0].sql, "ALTER TABLE todos ADD COLUMN deleted_at TIMESTAMP;\n\n");
}

TEST(RevisionParser, AcceptsAUtf8ByteOrderMark) {
    const Parsed parsed = parse("\xEF\xBB\xBF" + kGood);
    ASSERT_TRUE(parsed.diagnostics.empty()) << format(parsed.diagnostics.front());
    EXPECT_EQ(parsed.file.id, "4c1d2e7f9a0b");
    EXPECT_EQ(parsed.file.id_line, 1U);
}

TEST(RevisionParser, KeepsSqlByteFaithfulFromTheLineAfterTheMarker) {
    const Parsed parsed = parse(
        "-- revision: a\n-- down_revision: none\n-- message: m\n-- upgrade\n\n\n  CREATE TABLE t (x INT);  \n"
        "-- downgrade\nDROP TABLE t;");
    ASSERT_TRUE(parsed.diagnostics.empty()) << format(parsed.diagnostics.front());
    EXPECT_EQ(parsed.file.upgrade[0].first_line, 5U);
    EXPECT_EQ(parsed.file.upgrade[0].sql, "\n\n  CREATE TABLE t (x INT);  \n");
    EXPECT_EQ(parsed.file.downgrade[0].sql, "DROP TABLE t;");
}

TEST(RevisionParser, ReadsARootMergeDependenciesLabelsAndFlags) {
    const Parsed parsed = parse(
        "-- revision: m\n-- down_revision: a, b ,c\n-- message: merge\n-- depends_on: x,y\n"
        "-- branch_labels: feature\n-- transactional: false\n-- upgrade\nSELECT 1;\n-- downgrade: irreversible\n");
    ASSERT_TRUE(parsed.diagnostics.empty()) << format(parsed.diagnostics.front());
    ASSERT_EQ(parsed.file.parents.size(), 3U);
    EXPECT_EQ(parsed.file.parents[1].name, "b");
    EXPECT_EQ(parsed.file.parents[2].name, "c");
    ASSERT_EQ(parsed.file.depends_on.size(), 2U);
    EXPECT_EQ(parsed.file.depends_on[1].name, "y");
    EXPECT_EQ(parsed.file.depends_on[1].line, 4U);
    ASSERT_EQ(parsed.file.branch_labels.size(), 1U);
    EXPECT_EQ(parsed.file.branch_labels[0].name, "feature");
    EXPECT_FALSE(parsed.file.transactional);
    EXPECT_TRUE(parsed.file.irreversible);
    EXPECT_TRUE(parsed.file.downgrade.empty());
}

TEST(RevisionParser, ReadsDialectSections) {
    const Parsed parsed = parse(
        "-- revision: a\n-- down_revision: none\n-- message: m\n"
        "-- upgrade: sqlite\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n"
        "-- upgrade: postgresql\nCREATE TABLE t (id SERIAL PRIMARY KEY);\n"
        "-- downgrade\nDROP TABLE t;\n");
    ASSERT_TRUE(parsed.diagnostics.empty()) << format(parsed.diagnostics.front());
    ASSERT_EQ(parsed.file.upgrade.size(), 2U);
    EXPECT_EQ(parsed.file.upgrade[0].dialect, Dialect::sqlite);
    EXPECT_EQ(parsed.file.upgrade[1].dialect, Dialect::postgresql);
    EXPECT_EQ(parsed.file.upgrade[1].first_line, 7U);
    EXPECT_EQ(effective_section(parsed.file.upgrade, Dialect::postgresql), &parsed.file.upgrade[1]);
    EXPECT_EQ(effective_section(parsed.file.downgrade, Dialect::sqlite), &parsed.file.downgrade[0]);
}

TEST(RevisionParser, AllowsOrdinaryCommentsInTheHeaderAndHeaderLikeLinesInSql) {
    const Parsed parsed = parse(
        "-- This revision adds x.\n-- revision: a\n-- down_revision: none\n-- message: m\n-- upgrade\n"
        "-- note: not a header here\nSELECT 1;\n-- downgrade\nSELECT 2;\n");
    EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(RevisionParser, IgnoresSectionsOfDialectsThatWereNotSelected) {
    const std::uint32_t sqlite_only = 1U << static_cast<unsigned>(Dialect::sqlite);
    const Parsed parsed = parse(
        "-- revision: a\n-- down_revision: none\n-- message: m\n-- upgrade: sqlite\nSELECT 1;\n"
        "-- upgrade: postgresql\n\n-- downgrade\nSELECT 2;\n",
        sqlite_only);
    EXPECT_TRUE(parsed.diagnostics.empty());
}

const std::string kConcurrentIndex =
    "-- revision: a\n-- down_revision: none\n-- message: m\n-- upgrade\n"
    "CREATE TABLE t (x INT);\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n-- downgrade\nDROP TABLE t;\n";

TEST(RevisionParser, RejectsAStatementPostgresqlRefusesInATransactionUnlessTheRevisionIsNotTransactional) {
    const Parsed parsed = parse(kConcurrentIndex);
    ASSERT_EQ(parsed.diagnostics.size(), 1U);
    EXPECT_EQ(format(parsed.diagnostics[0]),
              std::string(kPath) +
                  ":6: error: CREATE INDEX CONCURRENTLY cannot run inside a transaction block; add "
                  "`-- transactional: false` to the header of this revision to run it on its own");
    EXPECT_TRUE(parse("-- transactional: false\n" + kConcurrentIndex).diagnostics.empty());
}

TEST(RevisionParser, ChecksTransactionBlocksOnlyWhenPostgresqlIsSelected) {
    const std::uint32_t sqlite_only = 1U << static_cast<unsigned>(Dialect::sqlite);
    EXPECT_TRUE(parse(kConcurrentIndex, sqlite_only).diagnostics.empty());
}

TEST(RevisionParser, TreatsCommentOnlyUpgradeAsEmpty) {
    EXPECT_TRUE(is_blank_sql(" \n-- nothing\n/* still\nnothing */\n\t"));
    EXPECT_FALSE(is_blank_sql("-- x\nSELECT 1;"));
    EXPECT_FALSE(is_blank_sql("/* x */ ;"));
}

struct ErrorCase {
    const char* name;
    std::string text;
    std::uint32_t line;
    std::string message;
};

const std::string kHeader = "-- revision: a\n-- down_revision: none\n-- message: m\n";
const std::string kSections = "-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 2;\n";

class RevisionParserError : public testing::TestWithParam<ErrorCase> {};

TEST_P(RevisionParserError, ReportsTheErrorOnItsLine) {
    const ErrorCase& expected = GetParam();
    const Parsed parsed = parse(expected.text);
    ASSERT_EQ(parsed.diagnostics.size(), 1U) << (parsed.diagnostics.empty() ? "" : format(parsed.diagnostics[1]));
    EXPECT_EQ(format(parsed.diagnostics[0]),
              std::string(kPath) + ":" + std::to_string(expected.line) + ": error: " + expected.message);
    EXPECT_FALSE(parsed.file.well_formed);
}

INSTANTIATE_TEST_SUITE_P(
    EveryError, RevisionParserError,
    testing::Values(
        ErrorCase{"NotARevision", "CREATE TABLE t (x INT);\n", 1,
                  "not a revision file: no '-- revision: <id>' header (every .sql file in the directory must be a "
                  "revision)"},
        ErrorCase{"EmptyFile", "", 1,
                  "not a revision file: no '-- revision: <id>' header (every .sql file in the directory must be a "
                  "revision)"},
        ErrorCase{"SqlBeforeSection", kHeader + "SELECT 0;\n" + kSections, 4,
                  "SQL before the first section; put it under '-- upgrade' or '-- downgrade'"},
        ErrorCase{"MisspeltKey", "-- revision: a\n-- down_revison: none\n-- message: m\n" + kSections, 2,
                  "unknown header key 'down_revison'; did you mean 'down_revision'?"},
        ErrorCase{"UnknownKey", kHeader + "-- author: me\n" + kSections, 4,
                  "unknown header key 'author' (known keys: revision, down_revision, message, created, depends_on, "
                  "branch_labels, transactional)"},
        ErrorCase{"DuplicateKey", kHeader + "-- message: again\n" + kSections, 4,
                  "duplicate header key 'message' (first given on line 3)"},
        ErrorCase{"MissingRevision", "-- down_revision: none\n-- message: m\n" + kSections, 1,
                  "missing required header 'revision'"},
        ErrorCase{"MissingMessage", "-- revision: a\n-- down_revision: none\n" + kSections, 1,
                  "missing required header 'message'"},
        ErrorCase{"EmptyMessage", "-- revision: a\n-- down_revision: none\n-- message:\n" + kSections, 3,
                  "empty value for header 'message'"},
        ErrorCase{"InvalidId", "-- revision: a-b\n-- down_revision: none\n-- message: m\n" + kSections, 1,
                  "invalid revision id 'a-b' in 'revision': use only letters, digits and '_'"},
        ErrorCase{"InvalidParent", "-- revision: a\n-- down_revision: b, c.d\n-- message: m\n" + kSections, 2,
                  "invalid revision id 'c.d' in 'down_revision': use only letters, digits and '_'"},
        ErrorCase{"EmptyParentInList", "-- revision: a\n-- down_revision: b,\n-- message: m\n" + kSections, 2,
                  "invalid revision id '' in 'down_revision': use only letters, digits and '_'"},
        ErrorCase{"RepeatedParent", "-- revision: a\n-- down_revision: b, b\n-- message: m\n" + kSections, 2,
                  "revision 'b' is listed twice in 'down_revision'"},
        ErrorCase{"InvalidLabel", kHeader + "-- branch_labels: my label\n" + kSections, 4,
                  "invalid branch label 'my label': use only letters, digits and '_'"},
        ErrorCase{"InvalidTransactional", kHeader + "-- transactional: no\n" + kSections, 4,
                  "invalid value 'no' for 'transactional': expected true or false"},
        ErrorCase{"MarkerWithoutDialect", kHeader + kSections + "-- upgrade:\nSELECT 3;\n", 8,
                  "section marker '-- upgrade:' names no dialect (expected sqlite or postgresql)"},
        ErrorCase{"MisspeltDialect", kHeader + kSections + "-- upgrade: sqlite3\nSELECT 3;\n", 8,
                  "unknown dialect 'sqlite3' in section marker '-- upgrade: sqlite3'; did you mean 'sqlite'?"},
        ErrorCase{"UnknownDialect", kHeader + kSections + "-- downgrade: mysql\nSELECT 3;\n", 8,
                  "unknown dialect 'mysql' in section marker '-- downgrade: mysql' (expected sqlite, postgresql or "
                  "irreversible)"},
        ErrorCase{"DuplicateSection", kHeader + kSections + "-- upgrade\nSELECT 3;\n", 8,
                  "duplicate section '-- upgrade' (first on line 4)"},
        ErrorCase{"MissingUpgrade", kHeader + "-- downgrade\nSELECT 2;\n", 1, "missing '-- upgrade' section"},
        ErrorCase{"MissingDowngrade", kHeader + "-- upgrade\nSELECT 1;\n", 1,
                  "missing '-- downgrade' section (write '-- downgrade: irreversible' for a revision that cannot be "
                  "undone)"},
        ErrorCase{"MissingDialectUpgrade", kHeader + "-- upgrade: sqlite\nSELECT 1;\n-- downgrade\nSELECT 2;\n", 4,
                  "no upgrade section for postgresql (add '-- upgrade' or '-- upgrade: postgresql')"},
        ErrorCase{"MissingDialectDowngrade", kHeader + "-- upgrade\nSELECT 1;\n-- downgrade: postgresql\nSELECT 2;\n",
                  6, "no downgrade section for sqlite (add '-- downgrade' or '-- downgrade: sqlite')"},
        ErrorCase{"EmptyUpgrade", kHeader + "-- upgrade\n  \n-- nothing yet\n-- downgrade\nSELECT 2;\n", 4,
                  "section '-- upgrade' is empty: an upgrade must contain SQL"},
        ErrorCase{"IrreversibleWithDowngrade", kHeader + kSections + "-- downgrade: irreversible\n", 8,
                  "'-- downgrade: irreversible' conflicts with the downgrade section on line 6"},
        ErrorCase{"IrreversibleWithSql", kHeader + "-- upgrade\nSELECT 1;\n-- downgrade: irreversible\nSELECT 2;\n", 6,
                  "'-- downgrade: irreversible' must not be followed by SQL"},
        ErrorCase{"IdTooLong",
                  "-- revision: " + std::string(129, 'a') + "\n-- down_revision: none\n-- message: m\n" + kSections, 1,
                  "revision id of 129 characters is too long: at most 128 (the version table stores and indexes it; "
                  "the `revision` command makes 12)"},
        ErrorCase{"CommitInATransactionalRevision",
                  kHeader + "-- upgrade\nCREATE TABLE t (x INT);\nCOMMIT;\n"
                            "-- downgrade\nDROP TABLE t;\n",
                  6,
                  "COMMIT in a transactional revision ends the migration's transaction: the statements after it "
                  "would run outside it and a failure could no longer be rolled back; drop it (the runtime begins and "
                  "commits the transaction), or add `-- transactional: false` to the header of this revision to run "
                  "it on its own"},
        ErrorCase{"CopyFromStdin",
                  kHeader + "-- transactional: false\n-- upgrade\nCOPY t FROM stdin;\n"
                            "-- downgrade\nDELETE FROM t;\n",
                  6,
                  "COPY ... FROM STDIN reads its rows from the client, which only psql sends: a revision has no data "
                  "to send; write the rows as INSERT statements, COPY FROM a file on the database server, or load "
                  "them from the application"},
        ErrorCase{"PsqlMetaCommand",
                  kHeader + "-- upgrade: postgresql\n\\i seed.sql\n-- upgrade: sqlite\nSELECT 1;\n"
                            "-- downgrade\nSELECT 2;\n",
                  5,
                  "psql meta-command '\\i' is not SQL: only psql understands backslash commands, the server does not; "
                  "write the SQL itself in the revision (e.g. the statements of an \\i file, or INSERT instead of "
                  "\\copy)"},
        ErrorCase{"NulByte", kHeader + std::string("-- upgrade\nSELECT '\0';\n-- downgrade\nSELECT 2;\n", 46), 5,
                  "file contains a NUL byte"}),
    [](const testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

TEST(RevisionParser, AcceptsAnIdOfTheMaximumLength) {
    const Parsed parsed =
        parse("-- revision: " + std::string(kMaxIdLength, 'a') +
              "\n-- down_revision: none\n-- message: m\n-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 2;\n");
    EXPECT_TRUE(parsed.diagnostics.empty());
    EXPECT_EQ(parsed.file.id.size(), 128U);
}

const std::string kEnumValue =
    "-- revision: b\n-- down_revision: a\n-- message: m\n-- upgrade\nSELECT 1;\nALTER TYPE mood ADD VALUE 'sad';\n"
    "-- downgrade: irreversible\n";

TEST(RevisionParser, MarksACommitAfterAnEnumValueAddedOnPostgresql) {
    const Parsed parsed = parse(kEnumValue);
    ASSERT_TRUE(parsed.diagnostics.empty()) << format(parsed.diagnostics.front());
    EXPECT_EQ(parsed.file.commit_after, 1U << static_cast<unsigned>(Dialect::postgresql));
    ASSERT_EQ(parsed.file.commit_boundaries.size(), 1U);
    EXPECT_EQ(parsed.file.commit_boundaries[0].line, 6U);
    EXPECT_TRUE(parsed.file.commit_boundaries[0].upgrade);
    EXPECT_EQ(parsed.file.commit_boundaries[0].statement, "ALTER TYPE ... ADD VALUE");
}

TEST(RevisionParser, MarksTheDowngradeDirectionAndNeitherOnSqliteNorOutsideATransaction) {
    const Parsed down = parse(
        "-- revision: b\n-- down_revision: a\n-- message: m\n-- upgrade\nSELECT 1;\n"
        "-- downgrade: postgresql\nALTER TYPE mood ADD VALUE 'ok';\n-- downgrade: sqlite\n"
        "SELECT 2;\n");
    ASSERT_TRUE(down.diagnostics.empty()) << format(down.diagnostics.front());
    EXPECT_EQ(down.file.commit_after, 1U << (kDialectCount + static_cast<unsigned>(Dialect::postgresql)));
    EXPECT_EQ(parse("-- transactional: false\n" + kEnumValue).file.commit_after, 0U);
    EXPECT_EQ(parse(kEnumValue, 1U << static_cast<unsigned>(Dialect::sqlite)).file.commit_after, 0U);
}

TEST(RevisionParser, ReportsTransactionControlInAGenericSectionOnceAndAcceptsItOutsideATransaction) {
    const std::string text =
        "-- revision: a\n-- down_revision: none\n-- message: m\n-- upgrade\nBEGIN;\n"
        "CREATE TABLE t (x INT);\nEND;\n-- downgrade\nDROP TABLE t;\n";
    const Parsed parsed = parse(text);
    ASSERT_EQ(parsed.diagnostics.size(), 2U);
    EXPECT_EQ(parsed.diagnostics[0].line, 5U);
    EXPECT_EQ(parsed.diagnostics[1].line, 7U);
    EXPECT_TRUE(parse("-- transactional: false\n" + text).diagnostics.empty());
}

TEST(RevisionParser, AcceptsCommitInsideAPlpgsqlProcedure) {
    EXPECT_TRUE(parse("-- revision: a\n-- down_revision: none\n-- message: m\n-- upgrade: postgresql\n"
                      "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$;\n-- upgrade: sqlite\n"
                      "SELECT 1;\n-- downgrade\nSELECT 2;\n")
                    .diagnostics.empty());
}

TEST(RevisionParser, AcceptsAnEmptyUpgradeOnlyWhenAskedForARevisionStillBeingWritten) {
    const std::string text = kHeader + "-- upgrade\n\n-- downgrade\n\n";
    Diagnostics diagnostics;
    const RevisionFile file = parse_revision(text, kPath, kAllDialects, diagnostics, EmptyUpgrade::accepted);
    EXPECT_TRUE(diagnostics.sorted().empty());
    EXPECT_TRUE(file.well_formed);
    EXPECT_EQ(parse(text).diagnostics.size(), 1U);
}

TEST(RevisionParser, ReportsEveryErrorOfAFile) {
    const Parsed parsed = parse("-- revision: a b\n-- mesage: m\n-- upgrade\n\n");
    std::vector<std::string> lines;
    for (const Diagnostic& d : parsed.diagnostics) lines.push_back(format(d));
    const std::string p = kPath;
    EXPECT_EQ(lines, (std::vector<std::string>{
                         p + ":1: error: invalid revision id 'a b' in 'revision': use only letters, digits and '_'",
                         p + ":1: error: missing '-- downgrade' section (write '-- downgrade: irreversible' for a "
                             "revision that cannot be undone)",
                         p + ":1: error: missing required header 'down_revision'",
                         p + ":2: error: unknown header key 'mesage'; did you mean 'message'?",
                         p + ":3: error: section '-- upgrade' is empty: an upgrade must contain SQL",
                     }));
}

}  // namespace
}  // namespace migrations::generator
