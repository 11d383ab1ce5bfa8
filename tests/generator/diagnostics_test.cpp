// @brief Tests of diagnostic formatting and ordering.
#include "diagnostics.hpp"

#include <gtest/gtest.h>

namespace migrations::generator {
namespace {

TEST(Diagnostics, FormatsLikeGcc) {
    EXPECT_EQ(format({"migrations/a.sql", 3, "boom"}), "migrations/a.sql:3: error: boom");
}

TEST(Diagnostics, FormatsAProblemWithTheFileItselfWithoutALine) {
    EXPECT_EQ(format({"migrations/fifo.sql", 0, "not a regular file"}),
              "migrations/fifo.sql: error: not a regular file");
}

TEST(Diagnostics, EscapesControlCharactersEchoedFromFilesAndNames) {
    // A CR would send the cursor back and let the rest overwrite the line; ESC starts a
    // terminal escape sequence.
    EXPECT_EQ(format({"m/a\x1b[2J.sql", 1, "invalid revision id 'abc\r-- down_revision: none\x7f\t'"}),
              "m/a\\x1b[2J.sql:1: error: invalid revision id 'abc\\r-- down_revision: none\\x7f\\t'");
    EXPECT_EQ(escape_control("caf\xc3\xa9 \\ \n\x01"), "caf\xc3\xa9 \\ \\n\\x01");
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
