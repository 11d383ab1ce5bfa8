// @brief Running a section's SQL through libpq and mapping a failure to its file line.
#include "postgresql/section_runner.hpp"

#include "postgresql/sql_lexer.hpp"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace migrations::postgresql {

namespace {

struct ResultDeleter {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// What came back for one simple query.
struct Outcome {
    /// Results of statements that succeeded before the first failure.
    std::size_t succeeded = 0;
    /// The first failure, if any.
    Result error;
    /// Set when the query could not even be sent.
    std::string send_error;
};

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// Sends `text` as one simple query and drains every result, so the connection is left with
// nothing pending whatever happened.
Outcome submit(PGconn* connection, const std::string& text) {
    Outcome outcome;
    if (PQsendQuery(connection, text.c_str()) == 0) {
        outcome.send_error = trimmed(PQerrorMessage(connection));
        return outcome;
    }
    while (PGresult* raw = PQgetResult(connection)) {
        Result result(raw);
        switch (PQresultStatus(raw)) {
            case PGRES_COMMAND_OK:
            case PGRES_TUPLES_OK:
            case PGRES_EMPTY_QUERY:
                if (!outcome.error) ++outcome.succeeded;
                break;
            case PGRES_COPY_IN:
                PQputCopyEnd(connection, "COPY FROM STDIN cannot read data in a revision");
                break;
            case PGRES_COPY_OUT: {
                char* buffer = nullptr;
                while (PQgetCopyData(connection, &buffer, 0) > 0) PQfreemem(buffer);
                break;
            }
            default:
                if (!outcome.error) outcome.error = std::move(result);
                break;
        }
    }
    return outcome;
}

std::uint32_t line_at(std::string_view section, std::size_t offset, std::uint32_t first_line) {
    offset = std::min(offset, section.size());
    return first_line + static_cast<std::uint32_t>(std::count(section.begin(), section.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value != nullptr ? value : "";
}

[[noreturn]] void fail(const SectionSource& source, std::uint32_t line, std::string sqlstate, std::string message) {
    std::string what(source.file);
    what += ':' + std::to_string(line) + ": ";
    what.append(source.revision).append(" ").append(source.direction).append(" failed: ").append(message);
    throw SectionError(what, line, std::move(sqlstate), std::move(message));
}

// Throws for the failure in `outcome`. `sent` is the text that was submitted, at byte
// `sent_offset` of `section`; `statement_line` is the line to report when the server gives
// no position.
[[noreturn]] void fail(const Outcome& outcome, std::string_view section, std::size_t sent_offset,
                       std::string_view sent, std::uint32_t statement_line, const SectionSource& source) {
    if (!outcome.error) fail(source, statement_line, "", outcome.send_error);
    const PGresult* error = outcome.error.get();
    std::string message = field(error, PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) message = trimmed(PQresultErrorMessage(error));
    if (const std::string detail = field(error, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) {
        message += " (" + detail + ")";
    }
    std::uint32_t line = statement_line;
    if (const std::string position = field(error, PG_DIAG_STATEMENT_POSITION); !position.empty()) {
        const std::size_t offset = byte_offset_of_character(sent, std::stoul(position));
        line = line_at(section, sent_offset + offset, source.first_line);
    }
    fail(source, line, field(error, PG_DIAG_SQLSTATE), std::move(message));
}

}  // namespace

SectionError::SectionError(const std::string& what, std::uint32_t line, std::string sqlstate,
                           std::string server_message)
    : std::runtime_error(what), line_(line), sqlstate_(std::move(sqlstate)), server_message_(std::move(server_message)) {}

std::size_t byte_offset_of_character(std::string_view text, std::size_t position) noexcept {
    if (position <= 1) return 0;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U && ++characters == position) return i;
    }
    return text.size();
}

void run_section(PGconn* connection, std::string_view sql, const SectionSource& source, Submission submission) {
    const std::vector<Token> tokens = lex(sql);
    const std::vector<Statement> statements = split_statements(sql, tokens);
    if (submission == Submission::whole) {
        const Outcome outcome = submit(connection, std::string(sql));
        if (!outcome.error && outcome.send_error.empty()) return;
        const std::uint32_t line = outcome.succeeded < statements.size()
                                       ? source.first_line + statements[outcome.succeeded].line
                                       : source.first_line;
        fail(outcome, sql, 0, sql, line, source);
    }
    for (const Statement& statement : statements) {
        const Token& last = tokens[statement.end - 1];
        const std::size_t offset = tokens[statement.begin].offset;
        const std::string_view text = sql.substr(offset, last.offset + last.length - offset);
        const Outcome outcome = submit(connection, std::string(text));
        if (outcome.error || !outcome.send_error.empty()) {
            fail(outcome, sql, offset, text, source.first_line + statement.line, source);
        }
    }
}

}  // namespace migrations::postgresql
