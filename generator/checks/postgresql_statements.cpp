// @brief Finding the text of a PostgreSQL section that only psql understands.
#include "checks/postgresql_statements.hpp"

#include <algorithm>

namespace migrations::generator {

namespace {

using postgresql::Token;
using postgresql::TokenKind;

// True when the words hold `first` immediately followed by `second`.
bool has_pair(const Words& words, std::string_view first, std::string_view second) {
    for (std::size_t at = 0; at + 1 < words.size(); ++at) {
        if (words.is(at, first) && words.is(at + 1, second)) return true;
    }
    return false;
}

// The meta-command starting at the backslash `at` of `sql` ("\i", "\set", "\."), for messages.
std::string meta_command(std::string_view sql, std::size_t at) {
    std::size_t end = at + 1;
    while (end < sql.size() && end - at < 32 && sql[end] != ' ' && sql[end] != '\t' && sql[end] != '\n' &&
           sql[end] != '\r') {
        ++end;
    }
    return std::string(sql.substr(at, end - at));
}

}  // namespace

std::vector<StatementFinding> find_client_commands(std::string_view sql, std::uint32_t first_line) {
    return find_client_commands(sql, split_section(sql), first_line);
}

std::vector<StatementFinding> find_client_commands(std::string_view sql, const SplitSection& split,
                                                   std::uint32_t first_line) {
    std::vector<StatementFinding> found;
    std::size_t data_from = sql.size();  // where the first COPY ... FROM STDIN's data starts
    for (const postgresql::Statement& statement : split.statements) {
        const Words words(sql, split.tokens, statement);
        if (!words.starts_with({"copy"}) || !has_pair(words, "from", "stdin")) continue;
        found.push_back(StatementFinding{
            first_line + statement.line, "COPY ... FROM STDIN",
            "COPY ... FROM STDIN reads its rows from the client, which only psql sends: a revision has no data "
            "to send; write the rows as INSERT statements, COPY FROM a file on the database server, or load them "
            "from the application"});
        data_from = std::min(data_from, split.tokens[statement.begin].offset);
    }
    for (const Token& token : split.tokens) {
        if (token.kind != TokenKind::other || sql[token.offset] != '\\' || token.offset > data_from) continue;
        const std::string command = meta_command(sql, token.offset);
        found.push_back(StatementFinding{
            first_line + token.line, command,
            "psql meta-command '" + command +
                "' is not SQL: only psql understands backslash commands, the server does not; write the SQL "
                "itself in the revision (e.g. the statements of an \\i file, or INSERT instead of \\copy)"});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const StatementFinding& a, const StatementFinding& b) { return a.line < b.line; });
    return found;
}

}  // namespace migrations::generator
