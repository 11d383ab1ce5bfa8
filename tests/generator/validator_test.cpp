// @brief Tests of whole-directory validation: every graph error with its file and line, and
// the order of a valid set.
#include "validator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "parser.hpp"

namespace migrations::generator {
namespace {

using Files = std::map<std::string, std::string>;

std::string revision(const std::string& id, const std::string& parents, const std::string& extra = "") {
    return "-- revision: " + id + "\n-- down_revision: " + parents + "\n-- message: " + id + "\n" + extra +
           "-- upgrade\nSELECT '" + id + "';\n-- downgrade\nSELECT 2;\n";
}

struct Result {
    std::optional<RevisionSet> set;
    std::vector<std::string> diagnostics;
};

Result run(const Files& files, ValidationOptions options = {}) {
    Diagnostics diagnostics;
    std::vector<RevisionFile> parsed;
    for (const auto& [name, text] : files)
        parsed.push_back(parse_revision(text, "dir/" + name, options.dialects, diagnostics));
    Result result;
    result.set = validate(std::move(parsed), options, diagnostics);
    for (const Diagnostic& d : diagnostics.sorted()) result.diagnostics.push_back(format(d));
    return result;
}

std::vector<std::string> ids(const RevisionSet& set) {
    std::vector<std::string> result;
    for (const RevisionFile& file : set.revisions) result.push_back(file.id);
    return result;
}

TEST(Validator, OrdersAValidSetParentsFirstWithTiesById) {
    const Result result = run({{"1.sql", revision("root", "none")},
                               {"2.sql", revision("zeta", "root")},
                               {"3.sql", revision("alpha", "root")},
                               {"4.sql", revision("merge", "zeta, alpha", "-- depends_on: root\n")}});
    ASSERT_TRUE(result.set.has_value()) << result.diagnostics.front();
    const RevisionSet& set = *result.set;
    EXPECT_EQ(ids(set), (std::vector<std::string>{"root", "alpha", "zeta", "merge"}));
    EXPECT_EQ(set.parents[3], (std::vector<std::uint32_t>{2, 1}));
    EXPECT_EQ(set.depends_on[3], (std::vector<std::uint32_t>{0}));
    EXPECT_EQ(set.by_id, (std::vector<std::uint32_t>{1, 3, 0, 2}));
    EXPECT_EQ(set.heads, (std::vector<std::uint32_t>{3}));
    EXPECT_EQ(set.checksums[0][0].size(), 64U);
    EXPECT_EQ(set.revisions[1].path, "dir/3.sql");
}

TEST(Validator, AcceptsAnEmptyDirectory) {
    const Result result = run({});
    ASSERT_TRUE(result.set.has_value());
    EXPECT_TRUE(result.set->revisions.empty());
}

TEST(Validator, AcceptsAMergeRevisionWithAnEmptyUpgrade) {
    const std::string merge =
        "-- revision: m\n-- down_revision: b, c\n-- message: merge heads\n-- upgrade\n-- no SQL\n-- downgrade\n";
    const Result result = run({{"a.sql", revision("a", "none")},
                               {"b.sql", revision("b", "a")},
                               {"c.sql", revision("c", "a")},
                               {"m.sql", merge}});
    ASSERT_TRUE(result.set.has_value()) << result.diagnostics.front();
    EXPECT_EQ(result.set->heads, (std::vector<std::uint32_t>{3}));
}

TEST(Validator, StillRejectsAnEmptyUpgradeWithOneParent) {
    const std::string empty = "-- revision: b\n-- down_revision: a\n-- message: b\n-- upgrade\n\n-- downgrade\n";
    const Result result = run({{"a.sql", revision("a", "none")}, {"b.sql", empty}});
    EXPECT_FALSE(result.set.has_value());
    EXPECT_EQ(
        result.diagnostics,
        (std::vector<std::string>{"dir/b.sql:4: error: section '-- upgrade' is empty: an upgrade must contain SQL"}));
}

TEST(Validator, AllowsSeveralHeadsWhenAsked) {
    ValidationOptions options;
    options.allow_multiple_heads = true;
    const Result result =
        run({{"a.sql", revision("a", "none")}, {"b.sql", revision("b", "a")}, {"c.sql", revision("c", "a")}}, options);
    ASSERT_TRUE(result.set.has_value());
    EXPECT_EQ(result.set->heads, (std::vector<std::uint32_t>{1, 2}));
}

TEST(Validator, LeavesTheChecksumOfAnUnselectedDialectEmpty) {
    ValidationOptions options;
    options.dialects = 1U << static_cast<unsigned>(Dialect::postgresql);
    const Result result = run({{"a.sql", revision("a", "none")}}, options);
    ASSERT_TRUE(result.set.has_value());
    EXPECT_EQ(result.set->checksums[0][0], "");
    EXPECT_EQ(result.set->checksums[0][1].size(), 64U);
}

struct ErrorCase {
    const char* name;
    Files files;
    std::vector<std::string> expected;
};

class ValidatorError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValidatorError, ReportsEveryProblemWithFileAndLine) {
    const Result result = run(GetParam().files);
    EXPECT_FALSE(result.set.has_value());
    EXPECT_EQ(result.diagnostics, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    EveryError, ValidatorError,
    testing::Values(
        ErrorCase{"DuplicateId",
                  {{"a.sql", revision("abc", "none")}, {"b.sql", revision("abc", "none")}},
                  {"dir/b.sql:1: error: duplicate revision id 'abc' (also defined in dir/a.sql:1)"}},
        ErrorCase{"UnknownParentWithSuggestion",
                  {{"a.sql", revision("abcdef123456", "none")}, {"b.sql", revision("b", "abcdef12345")}},
                  {"dir/b.sql:2: error: unknown revision 'abcdef12345' in 'down_revision'; did you mean "
                   "'abcdef123456'?"}},
        ErrorCase{"UnknownParentWithoutSuggestion",
                  {{"a.sql", revision("abcdef123456", "none")}, {"b.sql", revision("b", "zzz")}},
                  {"dir/b.sql:2: error: unknown revision 'zzz' in 'down_revision'"}},
        ErrorCase{"UnknownDependency",
                  {{"a.sql", revision("a", "none")}, {"b.sql", revision("b", "a", "-- depends_on: a, c9\n")}},
                  {"dir/b.sql:4: error: unknown revision 'c9' in 'depends_on'"}},
        ErrorCase{"OwnParent",
                  {{"a.sql", revision("a", "none")}, {"b.sql", revision("b", "a, b")}},
                  {"dir/b.sql:2: error: revision 'b' is its own parent"}},
        ErrorCase{"OwnDependency",
                  {{"a.sql", revision("a", "none", "-- depends_on: a\n")}},
                  {"dir/a.sql:4: error: revision 'a' depends on itself"}},
        ErrorCase{"Cycle",
                  {{"0.sql", revision("root", "none")},
                   {"1.sql", revision("c", "b")},
                   {"2.sql", revision("a", "root, c")},
                   {"3.sql", revision("b", "a")},
                   {"4.sql", revision("head", "a")}},
                  {"dir/1.sql:2: error: cycle in the revision graph: c -> b -> a -> c"}},
        ErrorCase{
            "TwoRoots",
            {{"a.sql", revision("a", "none")}, {"b.sql", revision("b", "none")}, {"c.sql", revision("c", "a, b")}},
            {"dir/a.sql:2: error: more than one root revision (down_revision: none): 'a' (dir/a.sql:2), 'b' "
             "(dir/b.sql:2)"}},
        ErrorCase{"TwoHeads",
                  {{"a.sql", revision("a", "none")}, {"b.sql", revision("b", "a")}, {"c.sql", revision("c", "a")}},
                  {"dir/b.sql:1: error: more than one head: 'b' (dir/b.sql:1), 'c' (dir/c.sql:1); run `migrations "
                   "merge -m \"merge heads\" --dir dir` to join them"}},
        ErrorCase{"LabelClashesWithId",
                  {{"a.sql", revision("a", "none")}, {"b.sql", revision("b", "a", "-- branch_labels: a\n")}},
                  {"dir/b.sql:4: error: branch label 'a' clashes with the revision id defined in dir/a.sql:1"}},
        ErrorCase{"LabelUsedTwice",
                  {{"a.sql", revision("a", "none", "-- branch_labels: main\n")},
                   {"b.sql", revision("b", "a", "-- branch_labels: main\n")}},
                  {"dir/b.sql:4: error: branch label 'main' is already used in dir/a.sql:4"}},
        ErrorCase{"SeveralFilesSeveralErrors",
                  {{"a.sql", revision("a", "none")},
                   {"b.sql", revision("b", "x1")},
                   {"c.sql", "-- revision: c\n-- down_revison: a\n-- message: m\n-- upgrade\nSELECT 1;\n"},
                   {"d.sql", revision("a", "b")}},
                  {"dir/b.sql:2: error: unknown revision 'x1' in 'down_revision'",
                   "dir/c.sql:1: error: missing '-- downgrade' section (write '-- downgrade: irreversible' for a "
                   "revision that cannot be undone)",
                   "dir/c.sql:2: error: unknown header key 'down_revison'; did you mean 'down_revision'?",
                   "dir/d.sql:1: error: duplicate revision id 'a' (also defined in dir/a.sql:1)"}}),
    [](const testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

TEST(Validator, DoesNotCallAReferenceUnknownWhenAFileHasNoId) {
    const Result result = run({{"a.sql", revision("a", "none")},
                               {"b.sql",
                                "-- revision: b-1\n-- down_revision: a\n-- message: m\n-- upgrade\nSELECT 1;\n"
                                "-- downgrade\nSELECT 2;\n"},
                               {"c.sql", revision("c", "b_1")}});
    EXPECT_EQ(result.diagnostics,
              (std::vector<std::string>{
                  "dir/b.sql:1: error: invalid revision id 'b-1' in 'revision': use only letters, digits and '_'"}));
}

TEST(Validator, ChecksTheGraphOnlyWhenEveryFileIsSound) {
    // Two roots and two heads, but a broken file: only the file's error is reported.
    const Result result = run({{"a.sql", revision("a", "none")},
                               {"b.sql", revision("b", "none")},
                               {"c.sql", revision("c", "a", "-- transactional: sometimes\n")}});
    EXPECT_EQ(result.diagnostics,
              (std::vector<std::string>{"dir/c.sql:4: error: invalid value 'sometimes' for 'transactional': expected "
                                        "true or false"}));
}

}  // namespace
}  // namespace migrations::generator
