// @brief Running a section's SQL through libpq and mapping a failure to its file line.
#include "postgresql/section_runner.hpp"

#include "postgresql/libpq_query.hpp"
#include "postgresql/sql_lexer.hpp"

#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>
#include <regex>
#include <utility>
#include <vector>

namespace migrations::postgresql {

const char* const kTransactionControlMessage =
    "the revision's SQL ends the migration's transaction (COMMIT, ROLLBACK, END...): transaction control is not "
    "allowed in a transactional revision (mark the revision 'transactional: false' to run it outside one)";

namespace {

using Clock = std::chrono::steady_clock;

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
    /// Set when the query could not even be sent, or the connection broke.
    std::string send_error;
};

// Waits until a result can be read without blocking, calling the watch each time `after`
// passes without one. False when the connection broke.
bool wait_for_result(PGconn* connection, const StallWatch& watch, Clock::time_point& quiet_since) {
    while (PQisBusy(connection) != 0) {
        int timeout_ms = -1;
        if (watch.after.count() > 0 && watch.call) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(quiet_since + watch.after - Clock::now());
            if (left.count() <= 0) {
                watch.call();
                quiet_since = Clock::now();
                continue;
            }
            timeout_ms = static_cast<int>(left.count());
        }
        pollfd descriptor{PQsocket(connection), POLLIN, 0};
        if (descriptor.fd < 0) return false;
        const int ready = poll(&descriptor, 1, timeout_ms);
        if (ready < 0 && errno != EINTR) return false;
        if (ready > 0 && PQconsumeInput(connection) == 0) return false;
    }
    return true;
}

// Sends `text` as one simple query and drains every result, so the connection is left with
// nothing pending whatever happened.
Outcome submit(PGconn* connection, const std::string& text, const StallWatch& watch) {
    Outcome outcome;
    if (PQsendQuery(connection, text.c_str()) == 0) {
        outcome.send_error = one_line(PQerrorMessage(connection));
        return outcome;
    }
    Clock::time_point quiet_since = Clock::now();
    for (;;) {
        if (!wait_for_result(connection, watch, quiet_since) && outcome.send_error.empty()) {
            outcome.send_error = one_line(PQerrorMessage(connection));
        }
        PGresult* raw = PQgetResult(connection);
        if (raw == nullptr) break;
        quiet_since = Clock::now();
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
    return first_line + static_cast<std::uint32_t>(
                            std::count(section.begin(), section.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

[[noreturn]] void fail(const SectionSource& source, std::uint32_t line, std::string sqlstate, std::string primary,
                       std::string_view message) {
    std::string what(source.file);
    what += ':' + std::to_string(line) + ": ";
    what.append(source.revision).append(" ").append(source.direction).append(" failed: ").append(message);
    throw SectionError(what, line, std::move(sqlstate), std::move(primary));
}

[[noreturn]] void fail(const SectionSource& source, std::uint32_t line, const std::string& message) {
    fail(source, line, "", message, message);
}

// The section's text and tokens, with its statements: their tokens (for classifying) and
// their text (what is sent), one of each per statement.
struct Lexed {
    std::string_view sql;
    std::vector<Token> tokens;
    std::vector<Statement> statements;
    std::vector<StatementRange> ranges;
};

// The section's statements: the parser's split from the catalog, mapped onto the lexer's
// tokens, or (no split given) the lexer's split.
Lexed lexed_section(std::string_view sql, const std::vector<StatementRange>* split) {
    Lexed lexed{sql, lex(sql), {}, {}};
    if (split == nullptr) {
        lexed.statements = split_statements(sql, lexed.tokens);
        for (const Statement& statement : lexed.statements) {
            const Token& first = lexed.tokens[statement.begin];
            const Token& last = lexed.tokens[statement.end - 1];
            lexed.ranges.push_back({static_cast<std::uint32_t>(first.offset),
                                    static_cast<std::uint32_t>(last.offset + last.length - first.offset)});
        }
        return lexed;
    }
    lexed.ranges = *split;
    std::size_t token = 0;
    std::size_t counted = 0;  // newlines are counted up to here
    std::uint32_t line = 0;
    for (const StatementRange& range : lexed.ranges) {
        while (token < lexed.tokens.size() && lexed.tokens[token].offset < range.offset) ++token;
        const std::size_t begin = token;
        while (token < lexed.tokens.size() && lexed.tokens[token].offset < std::size_t{range.offset} + range.size)
            ++token;
        const std::size_t offset = std::min<std::size_t>(range.offset, sql.size());
        line += line_at(sql.substr(counted), offset - std::min(counted, offset), 0);
        counted = std::max(counted, offset);
        lexed.statements.push_back(Statement{begin, token, line});
    }
    return lexed;
}

// The line of a PL/pgSQL body's line `n` (1-based, as CONTEXT counts: line 1 is the rest of the
// line the body's opening `$$` is on), when `body` is the body's dollar-quoted token.
std::uint32_t body_line(const Token& body, std::uint32_t n, std::uint32_t first_line) {
    return first_line + body.line + (n > 0 ? n - 1 : 0);
}

// The first dollar-quoted token of `statement` (a DO block's or a function's body), or null.
const Token* first_body(const Lexed& lexed, const Statement& statement) {
    for (std::size_t i = statement.begin; i < statement.end; ++i) {
        if (lexed.tokens[i].kind == TokenKind::dollar_string) return &lexed.tokens[i];
    }
    return nullptr;
}

// The body of `CREATE [OR REPLACE] FUNCTION|PROCEDURE [schema.]name` in the section, or null.
const Token* function_body(const Lexed& lexed, std::string_view name) {
    const auto same = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
               });
    };
    for (const Statement& statement : lexed.statements) {
        const StatementWords words(lexed.sql, lexed.tokens, statement);
        std::size_t at = words.starts_with({"create", "or", "replace"}) ? 3 : 1;
        if (!words.is(0, "create") || (!words.is(at, "function") && !words.is(at, "procedure"))) continue;
        // The name: the last word or quoted identifier before the parameter list.
        std::string_view found;
        for (++at; at < words.size() && words.token(at).kind != TokenKind::open_paren; ++at) {
            if (words.token(at).kind == TokenKind::word) found = words.text(at);
            if (words.token(at).kind == TokenKind::quoted_identifier) {
                found = words.text(at).substr(1, words.text(at).size() - 2);
            }
        }
        if (same(found, name)) return first_body(lexed, statement);
    }
    return nullptr;
}

// The file line that CONTEXT points into: the innermost "PL/pgSQL function <name> line <n>"
// whose body is in this section (the failing statement's DO block, or a function it creates),
// refined by the internal query's error position. 0 when none is.
std::uint32_t context_line(const PGresult* error, const Lexed& lexed, const Statement* failing,
                           std::uint32_t first_line) {
    const std::string context = error_field(error, PG_DIAG_CONTEXT);
    static const std::regex kFrame(R"(PL/pgSQL function (\S+?)(\([^)]*\))? line (\d+))");
    bool innermost = true;
    for (auto it = std::sregex_iterator(context.begin(), context.end(), kFrame); it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[1].str();
        const auto n = static_cast<std::uint32_t>(std::stoul((*it)[3].str()));
        const Token* body = name == "inline_code_block" ? (failing != nullptr ? first_body(lexed, *failing) : nullptr)
                                                        : function_body(lexed, name.substr(name.rfind('.') + 1));
        if (body != nullptr) {
            std::uint32_t line = body_line(*body, n, first_line);
            // An SQL statement of the body: the position in it counts the lines it spans.
            const std::string query = error_field(error, PG_DIAG_INTERNAL_QUERY);
            const std::string position = error_field(error, PG_DIAG_INTERNAL_POSITION);
            if (innermost && !query.empty() && !position.empty()) {
                const std::size_t offset = byte_offset_of_character(query, std::stoul(position));
                line += static_cast<std::uint32_t>(
                    std::count(query.begin(), query.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
            }
            return line;
        }
        innermost = false;
    }
    return 0;
}

// Throws for the failure in `outcome`. `sent` is the text that was submitted, at byte
// `sent_offset` of `section`; `failing` the statement that failed when known, whose line is
// reported when the server gives no position.
[[noreturn]] void fail(const Outcome& outcome, const Lexed& lexed, std::size_t sent_offset, std::string_view sent,
                       const Statement* failing, const SectionSource& source) {
    const std::uint32_t statement_line = failing != nullptr ? source.first_line + failing->line : source.first_line;
    if (!outcome.error) fail(source, statement_line, outcome.send_error);
    const PGresult* error = outcome.error.get();
    std::uint32_t line = statement_line;
    if (const std::string position = error_field(error, PG_DIAG_STATEMENT_POSITION); !position.empty()) {
        const std::size_t offset = byte_offset_of_character(sent, std::stoul(position));
        line = line_at(lexed.sql, sent_offset + offset, source.first_line);
    } else if (const std::uint32_t inside = context_line(error, lexed, failing, source.first_line); inside != 0) {
        line = inside;
    }
    std::string primary = one_line(error_field(error, PG_DIAG_MESSAGE_PRIMARY));
    fail(source, line, error_field(error, PG_DIAG_SQLSTATE), std::move(primary), server_message(error));
}

}  // namespace

SectionError::SectionError(const std::string& what, std::uint32_t line, std::string sqlstate,
                           std::string server_message)
    : std::runtime_error(what),
      line_(line),
      sqlstate_(std::move(sqlstate)),
      server_message_(std::move(server_message)) {}

std::size_t byte_offset_of_character(std::string_view text, std::size_t position) noexcept {
    if (position <= 1) return 0;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U && ++characters == position) return i;
    }
    return text.size();
}

void run_section(PGconn* connection, std::string_view sql, const SectionSource& source, Submission submission,
                 const StallWatch& watch) {
    const Lexed lexed = lexed_section(sql, source.statements);
    const bool in_transaction = PQtransactionStatus(connection) == PQTRANS_INTRANS;
    if (submission == Submission::whole) {
        const Outcome outcome = submit(connection, std::string(sql), watch);
        if (outcome.error || !outcome.send_error.empty()) {
            const Statement* failing =
                outcome.succeeded < lexed.statements.size() ? &lexed.statements[outcome.succeeded] : nullptr;
            fail(outcome, lexed, 0, sql, failing, source);
        }
    } else {
        for (std::size_t k = 0; k < lexed.statements.size(); ++k) {
            const Statement& statement = lexed.statements[k];
            const std::size_t offset = lexed.ranges[k].offset;
            const std::string_view text = sql.substr(offset, lexed.ranges[k].size);
            // CONCURRENTLY waits for older transactions (lock waits on their ids) but blocks
            // nobody: the table-lock bound would only fail it behind a long transaction and
            // leave an INVALID index. It runs without one; the session's bound comes back after.
            const bool unbounded = StatementWords(sql, lexed.tokens, statement).contains("concurrently");
            std::string bound;
            if (unbounded) {
                bound = query(connection, "SHOW lock_timeout").value(0, 0);
                query(connection, "SET lock_timeout = 0");
            }
            const Outcome outcome = submit(connection, std::string(text), watch);
            if (outcome.error || !outcome.send_error.empty()) fail(outcome, lexed, offset, text, &statement, source);
            if (unbounded) query(connection, "SELECT set_config('lock_timeout', $1, false)", {bound});
        }
    }
    // A transaction ended by the section (a procedure's COMMIT) shows in the connection state.
    if (in_transaction && PQtransactionStatus(connection) != PQTRANS_INTRANS) {
        fail(source, source.first_line, kTransactionControlMessage);
    }
}

}  // namespace migrations::postgresql
