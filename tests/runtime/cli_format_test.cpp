// @brief The command lines' formatting helpers that messages rely on: shell_word.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli/format.hpp"

namespace migrations::cli {
namespace {

// What /bin/sh makes of `word`: the one argument printf receives.
std::string as_the_shell_reads(const std::string& word) {
    FILE* pipe = popen(("printf %s " + word).c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    std::string text;
    char buffer[256];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0);
    return text;
}

TEST(ShellWord, LeavesAPlainUrlOrPathAsItIs) {
    EXPECT_EQ(shell_word("sqlite:///var/lib/app/app.db"), "sqlite:///var/lib/app/app.db");
    EXPECT_EQ(shell_word("postgresql://app:***@db:5432/app"), "'postgresql://app:***@db:5432/app'");
    EXPECT_EQ(shell_word("db/migrations"), "db/migrations");
}

TEST(ShellWord, QuotesWhatTheShellWouldOtherwiseSplitOrExpand) {
    for (const std::string text : {"sqlite:///my app.db", "sqlite:///app.db?mode=rwc&cache=shared",
                                   "host=db dbname=app", "it's", "$HOME", "", "a\\b", "`x`"}) {
        const std::string word = shell_word(text);
        EXPECT_EQ(word.front(), '\'') << text;
        EXPECT_EQ(as_the_shell_reads(word), text) << word;
    }
    EXPECT_EQ(shell_word("it's"), "'it'\\''s'");
}

}  // namespace
}  // namespace migrations::cli
