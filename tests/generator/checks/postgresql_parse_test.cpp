// @brief PostgreSQL's parser over a section: syntax errors at the file's line and column,
// PL/pgSQL bodies parsed with their lines mapped into the file, statements and their lines.
#include "checks/postgresql_parse.hpp"

#include <gtest/gtest.h>

namespace migrations::generator {
namespace {

std::string errors(const ParsedSection& parsed) {
    std::string text;
    for (const SyntaxError& error : parsed.errors()) {
        text += std::to_string(error.line) + ":" + std::to_string(error.column) + ": " + error.message + "\n";
    }
    return text;
}

TEST(PostgresqlParse, ReportsASyntaxErrorAtTheLineAndColumnOfTheTokenPostgresqlNames) {
    EXPECT_EQ(errors(ParsedSection("SELECT 1;\nCREATE TABLE t (a int,);", 10)),
              "11:23: syntax error at or near \")\"\n");
}

TEST(PostgresqlParse, CountsTheColumnInCharactersNotBytes) {
    EXPECT_EQ(errors(ParsedSection("-- été\n  SELECT 'été', 'ü' ,, 1;", 3)), "4:22: syntax error at or near \",\"\n");
}

TEST(PostgresqlParse, ReportsAnUnterminatedDollarQuoteAtItsStart) {
    EXPECT_EQ(errors(ParsedSection("SELECT 1;\nSELECT $$ never closed;", 1)),
              "2:8: unterminated dollar-quoted string at or near \"$$ never closed;\"\n");
}

TEST(PostgresqlParse, ReportsASyntaxErrorInAPlpgsqlFunctionBodyAtTheLineOfTheFile) {
    EXPECT_EQ(
        errors(ParsedSection("SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1\n  x := ;\nEND;\n"
                             "$$ LANGUAGE plpgsql;",
                             20)),
        "23:0: syntax error at or near \":=\" (in the PL/pgSQL body of function f)\n");
}

TEST(PostgresqlParse, ReportsASyntaxErrorInADoBlock) {
    EXPECT_EQ(errors(ParsedSection("DO $$\nBEGIN\n  IF true THEN\n  RETURN;\nEND;\n$$;", 5)),
              "8:0: syntax error at or near \";\" (in the PL/pgSQL body of the DO block)\n");
}

TEST(PostgresqlParse, AcceptsValidPlpgsqlAndLeavesOtherLanguagesAlone) {
    EXPECT_EQ(
        errors(ParsedSection("CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n"
                             "CREATE FUNCTION g() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n"
                             "DO $$ BEGIN PERFORM 1; END $$;",
                             1)),
        "");
}

TEST(PostgresqlParse, GivesEachStatementTheLineOfItsFirstToken) {
    const ParsedSection parsed("SELECT 1;\n\n-- a comment\n/* another */ SELECT 2;\nSELECT 3", 7);
    ASSERT_EQ(parsed.statements().size(), 3U);
    EXPECT_EQ(parsed.statements()[0].line, 7U);
    EXPECT_EQ(parsed.statements()[1].line, 10U);
    EXPECT_EQ(parsed.text(parsed.statements()[1]), "SELECT 2");
    EXPECT_EQ(parsed.statements()[2].line, 11U);
}

}  // namespace
}  // namespace migrations::generator
