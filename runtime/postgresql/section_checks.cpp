// @brief Finding psql-only text and transaction control in a PostgreSQL section.
#include "postgresql/section_checks.hpp"

namespace migrations::postgresql {

const char* const kTransactionControlMessage =
    "the revision's SQL ends the migration's transaction (COMMIT, ROLLBACK, END...): transaction control is not "
    "allowed in a transactional revision (mark the revision 'transactional: false' to run it outside one)";

std::optional<Refusal> find_psql_only(std::string_view sql, const std::vector<Token>& tokens,
                                      const std::vector<Statement>& statements) {
    for (const Statement& statement : statements) {
        const StatementWords words(sql, tokens, statement);
        if (words.is(0, "copy")) {
            for (std::size_t i = 1; i + 1 < words.size(); ++i) {
                if (words.is(i, "from") && words.is(i + 1, "stdin")) {
                    return Refusal{statement.line,
                                   "COPY FROM STDIN cannot read data in a revision (the rows that follow it are "
                                   "psql's job): write them as INSERT statements, or COPY from a file the server "
                                   "can read"};
                }
            }
        }
        for (std::size_t i = statement.begin; i < statement.end; ++i) {
            const Token& token = tokens[i];
            if (token.kind != TokenKind::other || sql[token.offset] != '\\') continue;
            std::string command = "\\";
            if (i + 1 < statement.end && tokens[i + 1].offset == token.offset + token.length &&
                tokens[i + 1].kind == TokenKind::word) {
                command += sql.substr(tokens[i + 1].offset, tokens[i + 1].length);
            }
            return Refusal{token.line, "psql meta-command '" + command +
                                           "' is not SQL: a revision is run by the application through libpq, "
                                           "not by psql"};
        }
    }
    return std::nullopt;
}

std::optional<Refusal> find_transaction_control(std::string_view sql, const std::vector<Token>& tokens,
                                                const std::vector<Statement>& statements) {
    for (const Statement& statement : statements) {
        const StatementWords words(sql, tokens, statement);
        const bool ends = words.is(0, "commit") || words.is(0, "end") || words.is(0, "abort") ||
                          words.is(0, "begin") || (words.is(0, "rollback") && !words.is(1, "to")) ||
                          ((words.is(0, "start") || words.is(0, "prepare")) && words.is(1, "transaction"));
        if (ends) return Refusal{statement.line, kTransactionControlMessage};
    }
    return std::nullopt;
}

}  // namespace migrations::postgresql
