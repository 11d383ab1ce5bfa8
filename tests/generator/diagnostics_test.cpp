// @brief Tests of diagnostic formatting and ordering.
#include "diagnostics.hpp"

#include <gtest/gtest.h>

namespace migrations::generator {
namespace {

TEST(Diagnostics, FormatsLikeGcc) {
    EXPECT_EQ(format({"migrations/a.sql", 3, "boom"}), "migrations/a.sql:3: error: boom");
}

TEST(Diagnostics, SortsByPathThenLineThenMessage) {
    Diagnostics diagnostics;
    diagnostics.error("b.sql", 1, "x");
    diagnostics.error("a.sql", 10, "y");
    diagnostics.error("a.sql", 2, "z");
    diagnostics.error("a.sql", 2, "w");
    const std::vector<Diagnostic> expected = {
        {"a.sql", 2, "w"}, {"a.sql", 2, "z"}, {"a.sql", 10, "y"}, {"b.sql", 1, "x"}};
    EXPECT_EQ(diagnostics.sorted(), expected);
    EXPECT_EQ(diagnostics.size(), 4U);
}

}  // namespace
}  // namespace migrations::generator
