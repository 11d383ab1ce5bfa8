// @brief Tests of the escaping and chunking of text into C++ string literals.
#include "cpp_literal.hpp"

#include <gtest/gtest.h>

namespace migrations::generator {
namespace {

std::string literal(std::string_view text) {
    std::string out;
    append_literal(out, text);
    return out;
}

struct EscapeCase {
    const char* name;
    std::string text;
    std::string expected;
};

class CppLiteralEscape : public testing::TestWithParam<EscapeCase> {};

TEST_P(CppLiteralEscape, EscapesSafely) { EXPECT_EQ(literal(GetParam().text), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(EveryKind, CppLiteralEscape,
                         testing::Values(EscapeCase{"Plain", "SELECT 1;", "\"SELECT 1;\""},
                                         EscapeCase{"QuotesAndBackslashes", "'a\\b' \"c\"", "\"'a\\\\b' \\\"c\\\"\""},
                                         EscapeCase{"NewlinesTabsAndReturns", "a\nb\tc\rd", "\"a\\nb\\tc\\rd\""},
                                         EscapeCase{"Trigraphs",
                                                    "?"
                                                    "?= ?"
                                                    "?/ ?"
                                                    "?"
                                                    "?",
                                                    "\"?\\?= ?\\?/ ?\\?\\?\""},
                                         EscapeCase{"SingleQuestionMarks", "a ? b ?", "\"a ? b ?\""},
                                         EscapeCase{"Utf8AsOctal", "\xC3\xA9", "\"\\303\\251\""},
                                         EscapeCase{"OctalIsNotGreedy",
                                                    "\xC3\xA9"
                                                    "7",
                                                    "\"\\303\\2517\""},
                                         EscapeCase{"ControlCharactersAsTheShortestOctal",
                                                    std::string("\x01\x7F\x1B\0A", 5), "\"\\1\\177\\33\\0A\""},
                                         EscapeCase{"ThreeOctalDigitsBeforeAnOctalDigit",
                                                    std::string("\0"
                                                                "7\x01"
                                                                "0\x02"
                                                                "8",
                                                                6),
                                                    "\"\\0007\\0010\\28\""},
                                         EscapeCase{"InvalidUtf8", "\xFF\xC3", "\"\\377\\303\""}),
                         [](const testing::TestParamInfo<EscapeCase>& info) { return std::string(info.param.name); });

TEST(CppLiteralPieces, WritesOneSourceLinePerLineOfText) {
    std::string out;
    EXPECT_EQ(append_pieces(out, "a\nb\n", "  "), 1U);
    EXPECT_EQ(out, "\"a\\n\"\n  \"b\\n\"");
}

TEST(CppLiteralPieces, WritesOneEmptyPieceForEmptyText) {
    std::string out;
    EXPECT_EQ(append_pieces(out, "", "  "), 1U);
    EXPECT_EQ(out, "\"\"");
}

TEST(CppLiteralPieces, SplitsLongTextIntoPiecesUnderTheLimit) {
    std::string out;
    EXPECT_EQ(append_pieces(out, "abcdefgh", "", 3), 3U);
    EXPECT_EQ(out, "\"abc\",\n\"def\",\n\"gh\"");
}

TEST(CppLiteralPieces, NeverSplitsAnEscapeOrAUtf8Sequence) {
    std::string out;
    // "a" then e-acute (8 escaped bytes) then "\\" (2): limit 9 keeps each unit whole.
    EXPECT_EQ(append_pieces(out, "a\xC3\xA9\\", "", 9), 2U);
    EXPECT_EQ(out, "\"a\\303\\251\",\n\"\\\\\"");
}

TEST(CppLiteralPieces, DoesNotEscapeAQuestionMarkThatStartsAPiece) {
    std::string out;
    EXPECT_EQ(append_pieces(out, "??", "", 1), 2U);
    EXPECT_EQ(out, "\"?\",\n\"?\"");
}

}  // namespace
}  // namespace migrations::generator
