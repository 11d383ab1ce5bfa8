// @brief The one SQLite section runner: statement by statement, with the line of each statement,
// the foreign-key check and the transaction policy (runtime and schema engines alike).
#include "schema/script.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

namespace migrations::schema {
namespace {

/// The first token at or after `at`: past white space and comments. Not a splitter: SQLite's
/// tail decides where statements end; this only finds the line a statement starts on.
const char* skip_blank(const char* at) {
    for (;;) {
        const char c = *at;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++at;
        } else if (c == '-' && at[1] == '-') {
            while (*at != '\0' && *at != '\n') ++at;
        } else if (c == '/' && at[1] == '*') {
            const char* close = std::strstr(at + 2, "*/");
            at = close == nullptr ? at + std::strlen(at) : close + 2;
        } else {
            return at;
        }
    }
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// The bare word at `at` in lower case ("" when `at` is not a word); `at` moves past it and
/// the trivia after it.
std::string next_word(const char*& at) {
    std::string word;
    while (is_word_char(*at)) word += static_cast<char>(std::tolower(static_cast<unsigned char>(*at++)));
    at = skip_blank(at);
    return word;
}

/// True for a statement that starts, commits or rolls back a transaction (ROLLBACK TO a
/// savepoint stays inside it). `statement` is the statement's first token.
bool is_transaction_control(const char* statement) {
    const std::string first = next_word(statement);
    if (first == "begin" || first == "commit" || first == "end") return true;
    if (first != "rollback") return false;
    std::string second = next_word(statement);
    if (second == "transaction") second = next_word(statement);
    return second != "to";
}

/// True for `PRAGMA [schema.]foreign_key_check...`.
bool is_foreign_key_check(const char* statement) {
    if (next_word(statement) != "pragma") return false;
    std::string name = next_word(statement);
    if (*statement == '.') {
        statement = skip_blank(statement + 1);
        name = next_word(statement);
    }
    return name == "foreign_key_check";
}

struct Finalize {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

std::string column_text(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

}  // namespace

const char* const kTransactionControlRefused =
    "transaction control is not allowed in a transactional revision: the migration runs it in its own transaction "
    "(remove the statement, or mark the revision `-- transactional: false` to manage transactions yourself)";

bool starts_with_transaction_control(const char* sql) { return is_transaction_control(skip_blank(sql)); }

std::optional<SqlFailure> run_section(sqlite3* db, const char* sql, std::uint32_t first_line, TransactionUse use) {
    const char* at = sql;
    const char* counted = sql;  // newlines before `counted` are in `line`
    std::uint32_t line = first_line;
    for (;;) {
        at = skip_blank(at);
        if (*at == '\0') return std::nullopt;
        line += static_cast<std::uint32_t>(std::count(counted, at, '\n'));
        counted = at;
        if (use == TransactionUse::kept && is_transaction_control(at))
            return SqlFailure{line, kTransactionControlRefused, 0};
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        // -1: SQLite reads up to the NUL and copies nothing (a length without the NUL makes it
        // copy the whole rest of the section first, which made a section quadratic).
        const int prepared = sqlite3_prepare_v2(db, at, -1, &raw, &tail);
        std::unique_ptr<sqlite3_stmt, Finalize> statement(raw);
        if (prepared != SQLITE_OK) return SqlFailure{line, sqlite3_errmsg(db), sqlite3_extended_errcode(db)};
        if (tail == nullptr || tail <= at) return std::nullopt;
        if (statement == nullptr) {  // an empty statement (";")
            at = tail;
            continue;
        }
        const bool check = is_foreign_key_check(at);
        at = tail;
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
            if (check)
                return SqlFailure{line,
                                  "foreign key violation: row " + column_text(statement.get(), 1) + " of table '" +
                                      column_text(statement.get(), 0) + "' refers to a missing row of '" +
                                      column_text(statement.get(), 2) + "'",
                                  0};
        }
        if (rc != SQLITE_DONE) return SqlFailure{line, sqlite3_errmsg(db), sqlite3_extended_errcode(db)};
        if (use == TransactionUse::kept && sqlite3_get_autocommit(db))
            return SqlFailure{line, kTransactionControlRefused, 0};
    }
}

std::optional<SqlFailure> run_script(sqlite3* db, const std::string& sql, std::uint32_t first_line) {
    return run_section(db, sql.c_str(), first_line);
}

std::optional<SqlFailure> run_revision_section(sqlite3* db, const RevisionSection& section) {
    if (section.cpp_step) return section.cpp_step(db);
    return run_script(db, section.sql, section.first_line);
}

std::string format_diagnostic(const std::string& file, std::uint32_t line, const std::string& message) {
    return file + ":" + std::to_string(line) + ": error: " + message;
}

std::optional<std::string> replay_upgrades(sqlite3* db, const std::vector<RevisionScript>& revisions) {
    for (const RevisionScript& revision : revisions) {
        if (auto failure = run_revision_section(db, revision.upgrade))
            return format_diagnostic(revision.file, failure->line,
                                     "upgrade of " + revision.id + " failed: " + failure->message);
    }
    return std::nullopt;
}

}  // namespace migrations::schema
