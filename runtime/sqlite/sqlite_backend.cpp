// @brief The SQLite backend: version table verbs, the write lock, and statement execution.
#include "sqlite/sqlite_backend.hpp"
#include "version_table_sql.hpp"

#include <migrations/error.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace migrations::detail {

namespace {

// Skips white space and comments before a statement, so that the line reported for a failing
// statement is the line of its first token. This is not a splitter: SQLite's tail decides
// where statements end.
const char* skip_trivia(const char* at, const char* end) {
    while (at < end) {
        if (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r' || *at == '\f' || *at == '\v') {
            ++at;
        } else if (at + 1 < end && at[0] == '-' && at[1] == '-') {
            while (at < end && *at != '\n') ++at;
        } else if (at + 1 < end && at[0] == '/' && at[1] == '*') {
            static constexpr char kClose[] = "*/";
            const char* close = std::search(at + 2, end, kClose, kClose + 2);
            at = close == end ? end : close + 2;
        } else {
            break;
        }
    }
    return at;
}

// Finalizes a statement on scope exit.
struct StatementGuard {
    sqlite3_stmt* statement = nullptr;
    ~StatementGuard() { sqlite3_finalize(statement); }
};

}  // namespace

SqliteBackend::SqliteBackend(sqlite3* db, const Options& options) : SqliteBackend(db, options, false, "sqlite connection") {}

SqliteBackend::SqliteBackend(sqlite3* db, const Options& options, bool owned, std::string location)
    : db_(db), owned_(owned), location_(std::move(location)), lock_timeout_(options.migration_lock_timeout) {
    validate(options);
    if (db_ == nullptr) throw Error(ErrorKind::database, "no SQLite connection (null sqlite3*)");
    if (!sqlite3_get_autocommit(db_)) {
        throw Error(ErrorKind::database, "the SQLite connection is inside a transaction: migrations run their own");
    }
    table_ = "\"" + options.version_table + "\"";
    version_table_ = options.version_table;
    sqlite3_busy_timeout(db_, static_cast<int>(lock_timeout_.count()));
}

std::unique_ptr<Backend> SqliteBackend::open(const DatabaseUrl& url, const Options& options) {
    validate(options);
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(url.path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw Error(ErrorKind::database, "cannot open " + url.redacted + ": " + message, {}, {}, 0, rc);
    }
    try {
        return std::unique_ptr<Backend>(new SqliteBackend(db, options, true, url.redacted));
    } catch (...) {
        sqlite3_close(db);
        throw;
    }
}

SqliteBackend::~SqliteBackend() {
    rollback();
    sqlite3_finalize(write_statement_);
    sqlite3_finalize(delete_statement_);
    if (owned_) sqlite3_close(db_);
}

void SqliteBackend::fail(const std::string& what) const {
    throw Error(ErrorKind::database, what + " on " + location_ + ": " + sqlite3_errmsg(db_), {}, {}, 0,
                sqlite3_extended_errcode(db_));
}

void SqliteBackend::exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(std::string("cannot run ") + sql);
}

bool SqliteBackend::read_state(const std::function<void(const RowView&)>& visit, bool details) {
    const std::string sql =
        (details ? "SELECT revision, checksum, state, applied_at, duration_ms FROM " : "SELECT revision, checksum, state FROM ") +
        table_;
    StatementGuard guard;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &guard.statement, nullptr) != SQLITE_OK) {
        if (std::strncmp(sqlite3_errmsg(db_), "no such table", 13) == 0) return false;
        fail("cannot read the version table " + table_);
    }
    sqlite3_stmt* statement = guard.statement;
    const auto text = [&](int column) {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        return std::string_view(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    };
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        visit(details ? RowView{text(0), text(1), text(2), text(3), sqlite3_column_double(statement, 4)}
                      : RowView{text(0), text(1), text(2), {}, 0.0});
    }
    if (rc != SQLITE_DONE) fail("cannot read the version table " + table_);
    return true;
}

void SqliteBackend::lock() {
    const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        throw Error(ErrorKind::lock_timeout,
                    "could not take the migration lock on " + location_ + " within " +
                        std::to_string(lock_timeout_.count()) + " ms: another connection holds the write lock",
                    {}, {}, 0, sqlite3_extended_errcode(db_));
    }
    if (rc != SQLITE_OK) fail("cannot begin a transaction");
    in_transaction_ = true;
}

void SqliteBackend::unlock() noexcept { rollback(); }

void SqliteBackend::begin() {
    if (!in_transaction_) lock();
}

void SqliteBackend::commit() {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(db_);
        const int code = sqlite3_extended_errcode(db_);
        rollback();
        throw Error(ErrorKind::database, "cannot commit on " + location_ + ": " + message, {}, {}, 0, code);
    }
    in_transaction_ = false;
}

void SqliteBackend::rollback() noexcept {
    if (!in_transaction_) return;
    in_transaction_ = false;
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteBackend::ensure_table() {
    exec(detail::create_version_table_sql(Dialect::sqlite, table_).c_str());
}

void SqliteBackend::execute(const RevisionSpec& revision, const Section& section, Direction direction) {
    // Most sections are one piece; join only when the generator chunked a long one.
    std::string joined;
    const char* text = section.sql.pieces.size == 1 ? section.sql.pieces[0] : (joined = section.sql.str()).c_str();
    const char* const end = text + std::strlen(text);
    unsigned line = section.first_line;
    const char* counted = text;
    const char* at = text;
    while (at < end) {
        const char* start = skip_trivia(at, end);
        if (start == end) break;
        StatementGuard guard;
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v2(db_, start, static_cast<int>(end - start), &guard.statement, &tail);
        if (rc == SQLITE_OK && guard.statement != nullptr) {
            while ((rc = sqlite3_step(guard.statement)) == SQLITE_ROW) {
            }
            if (rc == SQLITE_DONE) rc = SQLITE_OK;
        }
        if (rc != SQLITE_OK) {
            line += static_cast<unsigned>(std::count(counted, start, '\n'));
            const std::string message = std::string(revision.file) + ":" + std::to_string(line) + ": " +
                                        revision.id + (direction == Direction::upgrade ? " upgrade" : " downgrade") +
                                        " failed: " + sqlite3_errmsg(db_);
            throw Error(ErrorKind::statement_failed, message, revision.id, revision.file, line,
                        sqlite3_extended_errcode(db_));
        }
        if (tail == nullptr || tail <= start) break;
        at = tail;
    }
}

sqlite3_stmt* SqliteBackend::cached(sqlite3_stmt*& slot, const std::string& sql) {
    if (slot == nullptr) {
        if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &slot, nullptr) != SQLITE_OK) {
            fail("cannot prepare a write of the version table " + table_);
        }
    } else {
        sqlite3_reset(slot);
    }
    return slot;
}

void SqliteBackend::write_row(const AppliedRevision& row) {
    sqlite3_stmt* statement =
        cached(write_statement_, "INSERT OR REPLACE INTO " + table_ +
                                     " (revision, checksum, state, applied_at, duration_ms) VALUES (?, ?, ?, ?, ?)");
    const auto bind = [&](int index, const std::string& value) {
        sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    };
    bind(1, row.revision);
    bind(2, row.checksum);
    bind(3, row.state);
    bind(4, row.applied_at);
    sqlite3_bind_double(statement, 5, row.duration_ms);
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc != SQLITE_DONE) fail("cannot write the row of " + row.revision + " in " + table_);
}

void SqliteBackend::write_rows(const std::vector<AppliedRevision>& rows) {
    // A revision's DDL changes the schema, which makes SQLite recompile a cached statement at
    // its next step: one multi-row INSERT per chunk costs a compile per chunk, not per row.
    constexpr std::size_t kChunk = 100;
    for (std::size_t first = 0; first < rows.size(); first += kChunk) {
        const std::size_t count = std::min(kChunk, rows.size() - first);
        if (count == 1) {
            write_row(rows[first]);
            continue;
        }
        std::string sql = "INSERT OR REPLACE INTO " + table_ + " (revision, checksum, state, applied_at, duration_ms) VALUES ";
        for (std::size_t i = 0; i < count; ++i) sql += i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)";
        StatementGuard guard;
        if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &guard.statement, nullptr) != SQLITE_OK) {
            fail("cannot prepare a write of the version table " + table_);
        }
        int index = 0;
        for (std::size_t i = first; i < first + count; ++i) {
            const AppliedRevision& row = rows[i];
            for (const std::string* value : {&row.revision, &row.checksum, &row.state, &row.applied_at}) {
                sqlite3_bind_text(guard.statement, ++index, value->data(), static_cast<int>(value->size()), SQLITE_STATIC);
            }
            sqlite3_bind_double(guard.statement, ++index, row.duration_ms);
        }
        if (sqlite3_step(guard.statement) != SQLITE_DONE) fail("cannot write rows of the version table " + table_);
    }
}

void SqliteBackend::delete_row(std::string_view revision) {
    sqlite3_stmt* statement = cached(delete_statement_, "DELETE FROM " + table_ + " WHERE revision = ?");
    sqlite3_bind_text(statement, 1, revision.data(), static_cast<int>(revision.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc != SQLITE_DONE) fail("cannot delete the row of " + std::string(revision) + " in " + table_);
}

}  // namespace migrations::detail
