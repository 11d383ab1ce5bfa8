// @brief C++ revisions in the generator: the `//` header, the step macros found outside
// comments and literals, every per-file error, the checksum of the source, one graph with
// the .sql revisions, and the table of steps in the generated code.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checksum.hpp"
#include "codegen.hpp"
#include "cpp_steps.hpp"
#include "loader.hpp"
#include "parser.hpp"
#include "test_files.hpp"

namespace migrations::generator {
namespace {

using testing_support::TempDir;

constexpr const char* kPath = "migrations/b2_titles.cpp";

const std::string kGood =
    "// revision: b2\n"
    "// down_revision: a1\n"
    "// message: normalise titles\n"
    "// transactional: false\n"
    "\n"
    "#include <migrations/revision.hpp>\n"
    "\n"
    "MIGRATIONS_UPGRADE(session) {\n"
    "    session.execute(\"UPDATE t SET x = 1\");\n"
    "}\n"
    "\n"
    "MIGRATIONS_DOWNGRADE(session) { static_cast<void>(session); }\n";

struct Parsed {
    RevisionFile file;
    std::vector<std::string> diagnostics;
};

Parsed parse(const std::string& text) {
    Diagnostics diagnostics;
    RevisionFile file = parse_revision(text, kPath, kAllDialects, diagnostics);
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics.sorted()) lines.push_back(format(d));
    return {std::move(file), lines};
}

std::string with_body(const std::string& body) {
    return "// revision: b2\n// down_revision: a1\n// message: m\n\n" + body;
}

TEST(CppRevisionParser, ReadsTheHeaderAndTheLinesOfItsSteps) {
    const Parsed parsed = parse(kGood);
    EXPECT_TRUE(parsed.diagnostics.empty()) << parsed.diagnostics.front();
    EXPECT_TRUE(parsed.file.well_formed);
    EXPECT_TRUE(parsed.file.cpp);
    EXPECT_EQ(parsed.file.id, "b2");
    ASSERT_EQ(parsed.file.parents.size(), 1U);
    EXPECT_EQ(parsed.file.parents[0].name, "a1");
    EXPECT_EQ(parsed.file.message, "normalise titles");
    EXPECT_FALSE(parsed.file.transactional);
    EXPECT_FALSE(parsed.file.irreversible);
    EXPECT_EQ(parsed.file.cpp_upgrade_line, 8U);
    EXPECT_EQ(parsed.file.cpp_downgrade_line, 12U);
    EXPECT_TRUE(parsed.file.upgrade.empty());
    EXPECT_EQ(parsed.file.cpp_source.substr(0, 10), "#include <");
}

TEST(CppRevisionParser, ReadsAnIrreversibleRevision) {
    const Parsed parsed = parse(with_body("MIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_IRREVERSIBLE;\n"));
    EXPECT_TRUE(parsed.diagnostics.empty());
    EXPECT_TRUE(parsed.file.irreversible);
    EXPECT_EQ(parsed.file.cpp_downgrade_line, 0U);
}

TEST(CppRevisionParser, FailsWhenTheUpgradeIsMissingNamingTheFile) {
    const Parsed parsed = parse(with_body("MIGRATIONS_DOWNGRADE(s) {}\n"));
    EXPECT_EQ(
        parsed.diagnostics,
        (std::vector<std::string>{"migrations/b2_titles.cpp:1: error: missing MIGRATIONS_UPGRADE(session) { ... }: "
                                  "a C++ revision defines its upgrade with it (#include <migrations/revision.hpp>)"}));
    EXPECT_FALSE(parsed.file.well_formed);
}

TEST(CppRevisionParser, FailsWhenTheDowngradeIsMissing) {
    const Parsed parsed = parse(with_body("MIGRATIONS_UPGRADE(s) {}\n"));
    EXPECT_EQ(
        parsed.diagnostics,
        (std::vector<std::string>{"migrations/b2_titles.cpp:1: error: missing MIGRATIONS_DOWNGRADE(session) { ... } "
                                  "(write MIGRATIONS_IRREVERSIBLE; for a revision that cannot be undone)"}));
}

TEST(CppRevisionParser, RejectsAStepDefinedTwiceAndIrreversibleWithADowngrade) {
    const Parsed twice =
        parse(with_body("MIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_IRREVERSIBLE;\n"));
    EXPECT_EQ(twice.diagnostics,
              (std::vector<std::string>{
                  "migrations/b2_titles.cpp:6: error: duplicate MIGRATIONS_UPGRADE (first on line 5)"}));
    const Parsed both =
        parse(with_body("MIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_DOWNGRADE(s) {}\nMIGRATIONS_IRREVERSIBLE;\n"));
    EXPECT_EQ(both.diagnostics, (std::vector<std::string>{"migrations/b2_titles.cpp:7: error: MIGRATIONS_IRREVERSIBLE "
                                                          "conflicts with the MIGRATIONS_DOWNGRADE on line 6"}));
}

TEST(CppRevisionParser, DoesNotCountMacrosInCommentsLiteralsOrPreprocessorLines) {
    const Parsed parsed =
        parse(with_body("// MIGRATIONS_UPGRADE(session) { }\n"
                        "/* MIGRATIONS_UPGRADE(session)\n   */\n"
                        "const char* a = \"MIGRATIONS_UPGRADE(\\\" MIGRATIONS_UPGRADE\";\n"
                        "const char* b = R\"x(MIGRATIONS_UPGRADE)\" )x\";\n"
                        "#define X MIGRATIONS_UPGRADE \\\n  MIGRATIONS_UPGRADE\n"
                        "MIGRATIONS_DOWNGRADE(s) {}\n"));
    EXPECT_EQ(parsed.diagnostics.size(), 1U);
    EXPECT_NE(parsed.diagnostics.front().find("missing MIGRATIONS_UPGRADE"), std::string::npos);
}

TEST(CppRevisionParser, FindsTheMacrosAtTheirLines) {
    const std::vector<CppStepMacro> found =
        find_step_macros("x\n/* a\nb */ MIGRATIONS_UPGRADE(s)\nR\"(\n)\" MIGRATIONS_IRREVERSIBLE", 10);
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(found[0].name, "MIGRATIONS_UPGRADE");
    EXPECT_EQ(found[0].line, 12U);
    EXPECT_EQ(found[1].name, "MIGRATIONS_IRREVERSIBLE");
    EXPECT_EQ(found[1].line, 14U);
}

TEST(CppRevisionParser, ChecksTheHeaderAsInSqlRevisions) {
    const Parsed misspelt = parse(
        "// revision: b2\n// down_revison: a1\n// message: m\nMIGRATIONS_UPGRADE(s) {}\n"
        "MIGRATIONS_IRREVERSIBLE;\n");
    EXPECT_EQ(misspelt.diagnostics, (std::vector<std::string>{"migrations/b2_titles.cpp:2: error: unknown header key "
                                                              "'down_revison'; did you mean 'down_revision'?"}));
    const Parsed none = parse("#include <migrations/revision.hpp>\n");
    EXPECT_EQ(none.diagnostics, (std::vector<std::string>{
                                    "migrations/b2_titles.cpp:1: error: not a revision file: no '// revision: <id>' "
                                    "header (every .cpp file in the directory must be a revision)"}));
}

TEST(CppRevisionChecksum, CoversTheSourceButNotTheHeaderOrLineEndings) {
    const auto sum = [](const std::string& text) { return revision_checksum(parse(text).file, Dialect::sqlite); };
    const std::string base = sum(kGood);
    EXPECT_EQ(base.size(), 64U);
    EXPECT_EQ(revision_checksum(parse(kGood).file, Dialect::postgresql), base);
    std::string message = kGood;
    message.replace(message.find("normalise titles"), 16, "normalise all titles");
    EXPECT_EQ(sum(message), base) << "the message is not the revision's effect";
    std::string crlf;
    for (char c : kGood) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    EXPECT_EQ(sum(crlf), base);
    std::string edited = kGood;
    edited.replace(edited.find("x = 1"), 5, "x = 2");
    EXPECT_NE(sum(edited), base) << "an edit of the code is an edit of the revision";
}

TEST(CppRevisionGraph, OneGraphWithTheSqlRevisionsInTopologicalOrder) {
    TempDir dir;
    dir.write("a1_first.sql",
              "-- revision: a1\n-- down_revision: none\n-- message: m\n-- upgrade\nCREATE TABLE t (x INT);\n"
              "-- downgrade\nDROP TABLE t;\n");
    dir.write("b2_titles.cpp", with_body("MIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_IRREVERSIBLE;\n"));
    dir.write("c3_last.sql",
              "-- revision: c3\n-- down_revision: b2\n-- message: m\n-- upgrade\nSELECT 1;\n"
              "-- downgrade\nSELECT 1;\n");
    dir.write("notes.txt", "");
    Diagnostics diagnostics;
    EXPECT_EQ(list_revision_files(dir.str(), diagnostics),
              (std::vector<std::string>{"a1_first.sql", "b2_titles.cpp", "c3_last.sql"}));
    LoadOptions options;
    options.dir = dir.str();
    const std::optional<RevisionSet> set = load_revisions(options, diagnostics);
    ASSERT_TRUE(set.has_value()) << format(diagnostics.sorted().front());
    ASSERT_EQ(set->revisions.size(), 3U);
    EXPECT_EQ(set->revisions[1].id, "b2");
    EXPECT_TRUE(set->revisions[1].cpp);
    EXPECT_EQ(set->parents[2], (std::vector<std::uint32_t>{1}));
}

std::vector<std::string> load_errors(const TempDir& dir) {
    LoadOptions options;
    options.dir = "migrations";
    options.source_root = dir.str();
    Diagnostics diagnostics;
    const std::string cwd = std::filesystem::current_path().string();
    std::filesystem::current_path(dir.path());
    (void)load_revisions(options, diagnostics);
    std::filesystem::current_path(cwd);
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics.sorted()) lines.push_back(format(d));
    return lines;
}

TEST(CppRevisionGraph, ReportsGraphErrorsAcrossSqlAndCppRevisions) {
    TempDir dir;
    dir.write(
        "migrations/a1_first.sql",
        "-- revision: a1\n-- down_revision: none\n-- message: m\n-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 1;\n");
    dir.write("migrations/b2_titles.cpp",
              "// revision: b2\n// down_revision: a1x\n// message: m\n"
              "MIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_IRREVERSIBLE;\n");
    dir.write(
        "migrations/c3_again.sql",
        "-- revision: a1\n-- down_revision: none\n-- message: m\n-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 1;\n");
    EXPECT_EQ(load_errors(dir),
              (std::vector<std::string>{
                  "migrations/b2_titles.cpp:2: error: unknown revision 'a1x' in 'down_revision'; did you mean 'a1'?",
                  "migrations/c3_again.sql:1: error: duplicate revision id 'a1' (also defined in "
                  "migrations/a1_first.sql:1)"}));
    dir.write("migrations/b2_titles.cpp",
              "// revision: b2\n// down_revision: a1\n// message: m\n"
              "MIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_IRREVERSIBLE;\n");
    dir.write("migrations/c3_again.sql",
              "-- revision: c3\n-- down_revision: a1\n-- message: m\n-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 1;\n");
    const std::vector<std::string> heads = load_errors(dir);
    ASSERT_EQ(heads.size(), 1U);
    EXPECT_EQ(heads[0].substr(0, heads[0].find(';')),
              "migrations/b2_titles.cpp:1: error: more than one head: 'b2' (migrations/b2_titles.cpp:1), 'c3' "
              "(migrations/c3_again.sql:1)");
}

TEST(CppRevisionCodegen, NamesTheFunctionsAfterTheCatalogAndTheFileAsCMakeDoes) {
    EXPECT_EQ(cpp_revision_key("todo_migrations", "migrations/e4f6_normalise-titles.v2.cpp"),
              "todo_migrations_e4f6_normalise_titles_v2");
    EXPECT_EQ(cpp_revision_key("app", "b2.cpp"), "app_b2");
}

TEST(CppRevisionCodegen, EmitsTheTableOfStepsOnlyForCatalogsWithCppRevisions) {
    TempDir dir;
    dir.write("a1_first.sql",
              "-- revision: a1\n-- down_revision: none\n-- message: m\n-- upgrade\nSELECT 1;\n"
              "-- downgrade\nSELECT 1;\n");
    LoadOptions options;
    options.dir = dir.str();
    options.source_root = dir.str();
    Diagnostics diagnostics;
    const CodegenOptions names{"app_migrations", "app_migrations.hpp", "migrations"};
    const GeneratedCode sql_only = generate_code(*load_revisions(options, diagnostics), names);
    EXPECT_EQ(sql_only.source.find("#include"), std::string::npos) << "an SQL-only catalog stays pure data";
    EXPECT_EQ(sql_only.source.find("kCppSteps"), std::string::npos);
    dir.write("b2_titles.cpp", with_body("MIGRATIONS_UPGRADE(s) {}\nMIGRATIONS_IRREVERSIBLE;\n"));
    const GeneratedCode with_cpp = generate_code(*load_revisions(options, diagnostics), names);
    EXPECT_NE(with_cpp.source.find("void app_migrations_b2_titles_upgrade(Session&);\n"), std::string::npos);
    EXPECT_NE(with_cpp.source.find("    {&migrations::revisions::app_migrations_b2_titles_upgrade, 5},\n"
                                   "    {nullptr, 0},\n"),
              std::string::npos)
        << with_cpp.source;
    EXPECT_NE(with_cpp.source.find("embedded_catalog(kCatalog, sizeof kCatalog - 1, kCppSteps,"), std::string::npos);
}

}  // namespace
}  // namespace migrations::generator
