// @brief The tokenizer and the canonical form of SQL fragments.
#include "schema/sql_text.hpp"

#include <gtest/gtest.h>

namespace migrations::schema {
namespace {

TEST(SchemaSqlText, TokenizesQuotesCommentsAndOperators) {
    const auto tokens = tokenize("a||'it''s' -- note\n\"x \"\"y\"\" z\" /* c */ [b c] >= x'00'");
    std::vector<std::string> texts;
    for (const Token& token : tokens) texts.emplace_back(token.text);
    EXPECT_EQ(texts, (std::vector<std::string>{"a", "||", "'it''s'", "\"x \"\"y\"\" z\"", "[b c]", ">=", "x'00'"}));
    EXPECT_EQ(unquote(tokens[3]), "x \"y\" z");
    EXPECT_EQ(unquote(tokens[4]), "b c");
}

TEST(SchemaSqlText, UnterminatedQuoteRunsToTheEnd) {
    const auto tokens = tokenize("a 'open");
    ASSERT_EQ(tokens.size(), 2U);
    EXPECT_EQ(tokens[1].text, "'open");
}

struct CanonicalCase {
    const char* written;
    const char* canonical;
};

class SchemaCanonicalForm : public ::testing::TestWithParam<CanonicalCase> {};

TEST_P(SchemaCanonicalForm, GivesOneSpellingPerMeaning) {
    EXPECT_EQ(canonical(GetParam().written), GetParam().canonical);
}

INSTANTIATE_TEST_SUITE_P(Fragments, SchemaCanonicalForm,
                         ::testing::Values(CanonicalCase{"LENGTH( title )>0", "length(title) > 0"},
                                           CanonicalCase{"\"title\"  <> ''", "title <> ''"},
                                           CanonicalCase{"\"order\" IN (1,2)", "\"order\" in (1, 2)"},
                                           CanonicalCase{"[Mixed Case] = 'KeepMe'", "\"Mixed Case\" = 'KeepMe'"},
                                           CanonicalCase{"t.a -- comment\n", "t.a"},
                                           CanonicalCase{"lower ( email ) COLLATE NOCASE DESC",
                                                         "lower(email) collate nocase desc"}));

TEST(SchemaSqlText, FindsMentionsOfAName) {
    EXPECT_TRUE(mentions("CREATE VIEW v AS SELECT * FROM \"Users\"", "users"));
    EXPECT_FALSE(mentions("CREATE VIEW v AS SELECT 'users' FROM accounts", "users"));
}

TEST(SchemaSqlText, QuotesIdentifiersAndStrings) {
    EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
    EXPECT_EQ(quote_string("it's"), "'it''s'");
}

TEST(SchemaSqlText, TellsLiteralsFromExpressions) {
    for (const char* literal : {"0", "-1", "+2.5", "'x'", "NULL", "true", "x'00'", "1e-3"})
        EXPECT_TRUE(is_literal(literal)) << literal;
    for (const char* expression : {"CURRENT_TIMESTAMP", "strftime('%s', 'now')", "1 + 1", "-'x'", "abc"})
        EXPECT_FALSE(is_literal(expression)) << expression;
}

TEST(SchemaSqlText, FindsMatchingParenthesesAndTopLevelItems) {
    const auto tokens = tokenize("(a, f(b, c), (d))");
    EXPECT_EQ(matching_paren(tokens, 0), tokens.size() - 1);
    const auto items = split_items(tokens, 1, tokens.size() - 1);
    ASSERT_EQ(items.size(), 3U);
    EXPECT_EQ(canonical(tokens, items[1].first, items[1].second), "f(b, c)");
}

}  // namespace
}  // namespace migrations::schema
