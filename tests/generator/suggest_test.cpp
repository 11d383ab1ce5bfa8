// @brief Tests of the "did you mean" suggestions.
#include "suggest.hpp"

#include <gtest/gtest.h>

namespace migrations::generator {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(edit_distance("", ""), 0U);
    EXPECT_EQ(edit_distance("abc", ""), 3U);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
    EXPECT_EQ(edit_distance("down_revison", "down_revision"), 1U);
}

TEST(EditDistance, CountsASwapOfAdjacentCharactersAsOne) {
    EXPECT_EQ(edit_distance("hedas", "heads"), 1U);
    EXPECT_EQ(edit_distance("ab", "ba"), 1U);
    EXPECT_EQ(edit_distance("abc", "ca"), 3U);  // optimal string alignment: no edit of a swapped pair
}

TEST(Closest, SuggestsAVerbWithTwoLettersSwapped) {
    EXPECT_EQ(closest("hedas", {"heads", "history", "show"}), "heads");
    EXPECT_EQ(closest("stauts", {"status", "stamp"}), "status");
}

TEST(Closest, SuggestsAMisspeltName) {
    EXPECT_EQ(closest("down_revison", {"revision", "down_revision", "message"}), "down_revision");
    EXPECT_EQ(closest("mesage", {"revision", "down_revision", "message"}), "message");
}

TEST(Closest, SuggestsAnIdThatSharesALongPrefix) {
    EXPECT_EQ(closest("abcdef12345", {"abcdef123456", "0123456789ab"}), "abcdef123456");
    EXPECT_EQ(closest("abcd", {"abcdef123456", "0123456789ab"}), "abcdef123456");
}

TEST(Closest, SuggestsNothingWhenNothingIsClose) {
    EXPECT_EQ(closest("author", {"revision", "down_revision", "message"}), "");
    EXPECT_EQ(closest("abc", {"abcdef123456"}), "");
}

TEST(Closest, BreaksTiesByTheSmallerCandidate) { EXPECT_EQ(closest("ab", {"ac", "aa"}), "aa"); }

}  // namespace
}  // namespace migrations::generator
