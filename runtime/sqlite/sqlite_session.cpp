// @brief The SQLite session: prepare, bind by number, step, read rows by storage class.
#include "sqlite/sqlite_session.hpp"

#include <sqlite3.h>

#include <cstring>
#include <exception>
#include <string>

#include "schema/script.hpp"

namespace migrations::detail {

namespace {

bool is_busy(int code) { return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED; }

// True when `at` holds only white space, `;` and comments.
bool only_trivia(const char* at) {
    for (;;) {
        if (*at == '\0') return true;
        if (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r' || *at == '\f' || *at == '\v' || *at == ';') {
            ++at;
        } else if (at[0] == '-' && at[1] == '-') {
            while (*at != '\0' && *at != '\n') ++at;
        } else if (at[0] == '/' && at[1] == '*') {
            const char* close = std::strstr(at + 2, "*/");
            if (close == nullptr) return true;
            at = close + 2;
        } else {
            return false;
        }
    }
}

// The 1-based number of a parameter named `?N` or `$N`; 0 for another name.
std::size_t parameter_number(const char* name) {
    if (name == nullptr || (name[0] != '?' && name[0] != '$') || name[1] == '\0') return 0;
    std::size_t number = 0;
    for (const char* at = name + 1; *at != '\0'; ++at) {
        if (*at < '0' || *at > '9') return 0;
        number = number * 10 + static_cast<std::size_t>(*at - '0');
    }
    return number;
}

class SqlitePrepared final : public PreparedBackend {
public:
    SqlitePrepared(SqliteSession& session, sqlite3_stmt* statement) noexcept
        : session_(session), statement_(statement) {}
    ~SqlitePrepared() override { sqlite3_finalize(statement_); }
    SqlitePrepared(const SqlitePrepared&) = delete;
    SqlitePrepared& operator=(const SqlitePrepared&) = delete;

    std::uint64_t execute(const Param* params, std::size_t count, unsigned line) override {
        return session_.run(statement_, params, count, line, nullptr);
    }
    Rows query(const Param* params, std::size_t count, unsigned line) override {
        RowsBuilder rows(session_, line);
        session_.run(statement_, params, count, line, &rows);
        return rows.finish();
    }

private:
    SqliteSession& session_;
    sqlite3_stmt* statement_;
};

struct Finalizer {
    sqlite3_stmt* statement;
    ~Finalizer() { sqlite3_finalize(statement); }
};

/// The transaction a replayed C++ step runs in: BEGIN, or a savepoint inside an open
/// transaction; rolled back by the destructor unless commit() ran (never throws).
class StepTransaction {
public:
    explicit StepTransaction(sqlite3* db) noexcept : db_(db), nested_(!sqlite3_get_autocommit(db)) {}
    ~StepTransaction() {
        if (!open_) return;
        if (nested_) {
            sqlite3_exec(db_, "ROLLBACK TO migrations_cpp_step; RELEASE migrations_cpp_step", nullptr, nullptr,
                         nullptr);
        } else if (!sqlite3_get_autocommit(db_)) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    StepTransaction(const StepTransaction&) = delete;
    StepTransaction& operator=(const StepTransaction&) = delete;

    /// Opens it; false (with SQLite's message in `db`) when SQLite refuses.
    bool begin() noexcept {
        open_ = sqlite3_exec(db_, nested_ ? "SAVEPOINT migrations_cpp_step" : "BEGIN", nullptr, nullptr, nullptr) ==
                SQLITE_OK;
        return open_;
    }
    /// Commits it; false (rolled back by the destructor) when SQLite refuses.
    bool commit() noexcept {
        if (sqlite3_exec(db_, nested_ ? "RELEASE migrations_cpp_step" : "COMMIT", nullptr, nullptr, nullptr) !=
            SQLITE_OK)
            return false;
        open_ = false;
        return true;
    }

private:
    sqlite3* db_;
    bool nested_;
    bool open_ = false;
};

}  // namespace

void SqliteSession::fail_sqlite(unsigned line) const {
    const int code = sqlite3_extended_errcode(db_);
    fail(line, sqlite3_errmsg(db_), code, is_busy(code) ? ErrorKind::lock_timeout : ErrorKind::statement_failed);
}

sqlite3_stmt* SqliteSession::prepare_one(std::string_view sql, unsigned line) {
    const std::string text(sql);
    if (in_transaction_ && schema::starts_with_transaction_control(text.c_str())) {
        fail(line, schema::kTransactionControlRefused);
    }
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, text.c_str(), -1, &statement, &tail) != SQLITE_OK) fail_sqlite(line);
    if (statement == nullptr) fail(line, "no statement to run: the SQL is empty");
    if (tail != nullptr && !only_trivia(tail)) {
        sqlite3_finalize(statement);
        fail(line,
             "more than one statement given with parameters or to prepare: run them one by one "
             "(several statements without parameters run in one execute())");
    }
    return statement;
}

std::uint64_t SqliteSession::run(sqlite3_stmt* statement, const Param* params, std::size_t count, unsigned line,
                                 RowsBuilder* rows) {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    const int slots = sqlite3_bind_parameter_count(statement);
    std::size_t highest = 0;
    for (int slot = 1; slot <= slots; ++slot) {
        const char* name = sqlite3_bind_parameter_name(statement, slot);
        std::size_t number = name == nullptr ? static_cast<std::size_t>(slot) : parameter_number(name);
        if (number == 0) {
            fail(line, std::string("parameter '") + name +
                           "' is named: write $1, $2, ... (or ?), numbered in the "
                           "order of the parameter list");
        }
        highest = std::max(highest, number);
        if (number > count) continue;  // reported below, with the counts
        const Param& param = params[number - 1];
        int rc = SQLITE_OK;
        switch (param.type()) {
            case ValueType::null:
                rc = sqlite3_bind_null(statement, slot);
                break;
            case ValueType::integer:
                rc = sqlite3_bind_int64(statement, slot, param.integer());
                break;
            case ValueType::real:
                rc = sqlite3_bind_double(statement, slot, param.real());
                break;
            case ValueType::text:
                rc = sqlite3_bind_text64(statement, slot, param.bytes().data(), param.bytes().size(), SQLITE_STATIC,
                                         SQLITE_UTF8);
                break;
            case ValueType::blob:
                rc = param.bytes().empty() ? sqlite3_bind_zeroblob(statement, slot, 0)
                                           : sqlite3_bind_blob64(statement, slot, param.bytes().data(),
                                                                 param.bytes().size(), SQLITE_STATIC);
                break;
        }
        if (rc != SQLITE_OK) fail_sqlite(line);
    }
    if (highest != count) {
        fail(line, "the statement takes " + std::to_string(highest) + " parameter(s) but " + std::to_string(count) +
                       " were given");
    }
    const bool was_in_transaction = !sqlite3_get_autocommit(db_);
    if (rows != nullptr) {
        const int columns = sqlite3_column_count(statement);
        std::vector<std::string> names;
        names.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) names.emplace_back(sqlite3_column_name(statement, c));
        rows->columns(std::move(names));
    }
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        if (rows == nullptr) continue;
        for (int c = 0; c < sqlite3_column_count(statement); ++c) {
            const auto text = [&] {
                const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, c));
                return std::string(data != nullptr ? data : "",
                                   static_cast<std::size_t>(sqlite3_column_bytes(statement, c)));
            };
            switch (sqlite3_column_type(statement, c)) {
                case SQLITE_INTEGER: {
                    const sqlite3_int64 value = sqlite3_column_int64(statement, c);
                    rows->integer(value, std::to_string(value));
                    break;
                }
                case SQLITE_FLOAT: {
                    const double value = sqlite3_column_double(statement, c);
                    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
                    rows->real(value, data != nullptr ? data : "");
                    break;
                }
                case SQLITE_TEXT:
                    rows->text(text());
                    break;
                case SQLITE_BLOB:
                    rows->blob(text());
                    break;
                default:
                    rows->null();
                    break;
            }
        }
    }
    if (rc != SQLITE_DONE) {
        const int code = sqlite3_extended_errcode(db_);
        const std::string message = sqlite3_errmsg(db_);
        sqlite3_reset(statement);
        fail(line, message, code, is_busy(code) ? ErrorKind::lock_timeout : ErrorKind::statement_failed);
    }
    sqlite3_reset(statement);
    if (in_transaction_ && was_in_transaction && sqlite3_get_autocommit(db_))
        fail(line, schema::kTransactionControlRefused);
    return static_cast<std::uint64_t>(sqlite3_changes(db_));
}

std::uint64_t SqliteSession::execute(std::string_view sql, const Param* params, std::size_t count, unsigned line) {
    if (count == 0) {
        // Several statements, as a section: the one runner, with the same transaction policy.
        const std::string text(sql);
        const auto failure = schema::run_section(
            db_, text.c_str(), line, in_transaction_ ? schema::TransactionUse::kept : schema::TransactionUse::free);
        if (failure) {
            fail(line, failure->message, failure->code,
                 is_busy(failure->code) ? ErrorKind::lock_timeout : ErrorKind::statement_failed);
        }
        return static_cast<std::uint64_t>(sqlite3_changes(db_));
    }
    Finalizer statement{prepare_one(sql, line)};
    return run(statement.statement, params, count, line, nullptr);
}

Rows SqliteSession::query(std::string_view sql, const Param* params, std::size_t count, unsigned line) {
    Finalizer statement{prepare_one(sql, line)};
    RowsBuilder rows(*this, line);
    run(statement.statement, params, count, line, &rows);
    return rows.finish();
}

std::unique_ptr<PreparedBackend> SqliteSession::prepare(std::string_view sql, unsigned line) {
    sqlite3_stmt* statement = prepare_one(sql, line);
    return std::make_unique<SqlitePrepared>(*this, statement);
}

std::optional<schema::SqlFailure> run_cpp_step_on(sqlite3* db, const RevisionSpec& revision, const CppStep& step,
                                                  Direction direction) noexcept {
    try {
        SqliteSession session(db, revision, direction, revision.transactional);
        // The failure as the schema engines report it: the message after the session's
        // "<file>:<line>: <revision> upgrade failed: " (their diagnostics name file and step).
        const auto failure = [&](unsigned line, const std::string& message, int code) {
            const std::string prefix = session.where(line);
            return schema::SqlFailure{
                line, message.compare(0, prefix.size(), prefix) == 0 ? message.substr(prefix.size()) : message, code};
        };
        StepTransaction transaction(db);
        if (revision.transactional && !transaction.begin())
            return failure(step.line, sqlite3_errmsg(db), sqlite3_extended_errcode(db));
        try {
            run_cpp_step(session, step);
        } catch (const Error& error) {
            return failure(error.line(), error.what(), error.database_code());
        }
        if (revision.transactional && !transaction.commit())
            return failure(step.line, sqlite3_errmsg(db), sqlite3_extended_errcode(db));
        return std::nullopt;
    } catch (const std::exception& error) {  // std::bad_alloc, building a message
        return schema::SqlFailure{step.line, error.what(), 0};
    }
}

}  // namespace migrations::detail
