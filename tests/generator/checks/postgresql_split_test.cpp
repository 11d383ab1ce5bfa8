// @brief The runtime's PostgreSQL lexer (runtime/postgresql/sql_lexer.hpp) splits every
// PostgreSQL section of the repository's revision files, and a large generated one, exactly
// where PostgreSQL's own parser (libpg_query's pg_query_split_with_parser) splits it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "checks/postgresql_parse.hpp"
#include "corpora.hpp"
#include "large_revision.hpp"
#include "postgresql/sql_lexer.hpp"

namespace migrations::generator {
namespace {

using Span = std::pair<std::size_t, std::size_t>;  // first and one past the last byte

// The statement's span without the white space and comments around it.
Span trimmed(std::string_view sql, std::size_t offset, std::size_t length) {
    const std::vector<postgresql::Token> tokens = postgresql::lex(sql.substr(offset, length));
    std::size_t first = length;
    std::size_t last = 0;
    for (const postgresql::Token& token : tokens) {
        if (token.kind == postgresql::TokenKind::comment) continue;
        first = std::min(first, token.offset);
        last = token.offset + token.length;
    }
    return {offset + first, offset + last};
}

std::vector<Span> runtime_split(std::string_view sql) {
    const std::vector<postgresql::Token> tokens = postgresql::lex(sql);
    std::vector<Span> spans;
    for (const postgresql::Statement& statement : postgresql::split_statements(sql, tokens)) {
        const std::size_t begin = tokens[statement.begin].offset;
        const postgresql::Token& last = tokens[statement.end - 1];
        spans.push_back(trimmed(sql, begin, last.offset + last.length - begin));
    }
    return spans;
}

std::vector<Span> parser_split(std::string_view sql) {
    std::vector<Span> spans;
    for (const auto& [offset, length] : split_with_parser(sql)) {
        spans.push_back(trimmed(sql, offset, length == 0 ? sql.size() - offset : length));
    }
    return spans;
}

TEST(PostgresqlSplit, RuntimeLexerSplitsEveryRevisionOfTheRepositoryAsPostgresqlDoes) {
    std::size_t sections = 0;
    testing::for_each_corpus_revision(
        [&](const std::filesystem::path& path, const RevisionFile& file, const Diagnostics&) {
            for (const std::vector<SectionText>* kind : {&file.upgrade, &file.downgrade}) {
                const SectionText* section = effective_section(*kind, Dialect::postgresql);
                if (section == nullptr) continue;
                ASSERT_TRUE(ParsedSection(section->sql, 1).errors().empty()) << path;
                ++sections;
                EXPECT_EQ(runtime_split(section->sql), parser_split(section->sql))
                    << path << " line " << section->first_line;
            }
        });
    EXPECT_GT(sections, 20U);
}

TEST(PostgresqlSplit, RuntimeLexerSplitsALargeRevisionAsPostgresqlDoes) {
    const std::string sql = migrations::testing::large_revision(600);
    const std::vector<Span> expected = parser_split(sql);
    ASSERT_EQ(expected.size(), 1U + 600U * 5U);
    EXPECT_EQ(runtime_split(sql), expected);
}

}  // namespace
}  // namespace migrations::generator
