// @brief The SQLite backend: version table verbs, the write lock, and statement execution.
#include "sqlite/sqlite_backend.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <migrations/error.hpp>
#include <thread>

#include "schema/script.hpp"
#include "sqlite/sqlite_session.hpp"
#include "version_table_sql.hpp"

namespace migrations::detail {

namespace {

// The busy handler's sleeps (ms), growing as SQLite's own busy timeout does, then 100 ms.
constexpr int kBusyDelays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
// How often a continuing wait is reported again.
constexpr std::chrono::seconds kReportEvery{5};
// What a lock_wait event and a lock timeout say of the holder: SQLite cannot name it.
constexpr const char* kHolder = "another connection holds the write lock";

bool is_busy(int code) { return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED; }

// Finalizes a statement on scope exit.
struct StatementGuard {
    sqlite3_stmt* statement = nullptr;
    ~StatementGuard() { sqlite3_finalize(statement); }
};

}  // namespace

SqliteBackend::SqliteBackend(sqlite3* db, const Options& options)
    : SqliteBackend(db, options, false, "sqlite connection") {}

SqliteBackend::SqliteBackend(sqlite3* db, const Options& options, bool owned, std::string location)
    : db_(db),
      owned_(owned),
      location_(std::move(location)),
      lock_timeout_(options.migration_lock_timeout),
      on_event_(options.on_event) {
    validate(options);
    if (db_ == nullptr) throw Error(ErrorKind::database, "no SQLite connection (null sqlite3*)");
    if (!sqlite3_get_autocommit(db_)) {
        throw Error(ErrorKind::database, "the SQLite connection is inside a transaction: migrations run their own");
    }
    table_ = "\"" + options.version_table + "\"";
    version_table_ = options.version_table;
    sqlite3_busy_handler(db_, &SqliteBackend::on_busy, this);
}

int SqliteBackend::on_busy(void* self, int count) noexcept {
    auto& backend = *static_cast<SqliteBackend*>(self);
    const auto now = Clock::now();
    if (count == 0) backend.wait_started_ = now;
    const auto waited = now - backend.wait_started_;
    if (waited >= backend.lock_timeout_) return 0;
    if (backend.on_event_ && (!backend.reported_ || now - backend.last_report_ >= kReportEvery)) {
        backend.reported_ = true;
        backend.last_report_ = now;
        Event event{EventKind::lock_wait, Direction::upgrade, {}, kHolder, waited, 0, 0};
        try {
            backend.on_event_(event);
        } catch (...) {  // documented as must-not-throw; never let it unwind through SQLite
        }
    }
    const auto delay = std::chrono::milliseconds(
        kBusyDelays[std::min<std::size_t>(static_cast<std::size_t>(count), std::size(kBusyDelays) - 1)]);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(backend.lock_timeout_ - waited);
    std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(delay, left + std::chrono::milliseconds(1)));
    return 1;
}

Error SqliteBackend::lock_timeout(int code, const std::string& prefix, const RevisionSpec* revision,
                                  unsigned line) const {
    return Error(ErrorKind::lock_timeout,
                 prefix + "could not take the migration lock on " + location_ + " within " +
                     std::to_string(lock_timeout_.count()) + " ms: " + kHolder,
                 revision ? revision->id : "", revision ? revision->file : "", line, code);
}

SqliteBackend::~SqliteBackend() {
    rollback();
    // SQLite cannot report the handler it had before: leave the busy timeout of the same bound
    // (never a handler pointing at this destroyed object).
    sqlite3_busy_timeout(db_, static_cast<int>(lock_timeout_.count()));
    sqlite3_finalize(write_statement_);
    sqlite3_finalize(delete_statement_);
    if (owned_) sqlite3_close(db_);
}

void SqliteBackend::fail(const std::string& what) const {
    const int code = sqlite3_extended_errcode(db_);
    if (is_busy(code)) throw lock_timeout(code);
    throw Error(ErrorKind::database, what + " on " + location_ + ": " + sqlite3_errmsg(db_), {}, {}, 0,
                sqlite3_extended_errcode(db_));
}

void SqliteBackend::exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(std::string("cannot run ") + sql);
}

bool SqliteBackend::read_state(const std::function<void(const RowView&)>& visit, bool details) {
    const std::string sql = (details ? "SELECT revision, checksum, state, applied_at, duration_ms FROM "
                                     : "SELECT revision, checksum, state FROM ") +
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
    // BEGIN IMMEDIATE succeeds on a read-only connection (?mode=ro): say so before the first write.
    if (sqlite3_db_readonly(db_, "main") == 1) {
        throw Error(ErrorKind::database,
                    "the database " + location_ + " is open read-only: upgrade, downgrade and stamp need to write it",
                    {}, {}, 0, SQLITE_READONLY);
    }
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        fail("cannot begin a transaction");
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
        if (is_busy(code)) throw lock_timeout(code);
        throw Error(ErrorKind::database, "cannot commit on " + location_ + ": " + message, {}, {}, 0, code);
    }
    in_transaction_ = false;
}

void SqliteBackend::rollback() noexcept {
    if (!in_transaction_) return;
    in_transaction_ = false;
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteBackend::ensure_table() { exec(detail::create_version_table_sql(Dialect::sqlite, table_).c_str()); }

void SqliteBackend::execute(const RevisionSpec& revision, const Section& section, Direction direction) {
    const char* text = section.sql.data;  // NUL-terminated in the catalog
    const auto failure = schema::run_section(
        db_, text, section.first_line, in_transaction_ ? schema::TransactionUse::kept : schema::TransactionUse::free);
    if (!failure) return;
    const std::string prefix = std::string(revision.file) + ":" + std::to_string(failure->line) + ": " + revision.id +
                               (direction == Direction::upgrade ? " upgrade" : " downgrade") + " failed: ";
    if (is_busy(failure->code)) throw lock_timeout(failure->code, prefix, &revision, failure->line);
    throw Error(ErrorKind::statement_failed, prefix + failure->message, revision.id, revision.file, failure->line,
                failure->code);
}

void SqliteBackend::run_cpp(const RevisionSpec& revision, const CppStep& step, Direction direction) {
    SqliteSession session(db_, revision, direction, in_transaction_);
    run_cpp_step(session, step);
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
        std::string sql =
            "INSERT OR REPLACE INTO " + table_ + " (revision, checksum, state, applied_at, duration_ms) VALUES ";
        for (std::size_t i = 0; i < count; ++i) sql += i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)";
        StatementGuard guard;
        if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &guard.statement, nullptr) !=
            SQLITE_OK) {
            fail("cannot prepare a write of the version table " + table_);
        }
        int index = 0;
        for (std::size_t i = first; i < first + count; ++i) {
            const AppliedRevision& row = rows[i];
            for (const std::string* value : {&row.revision, &row.checksum, &row.state, &row.applied_at}) {
                sqlite3_bind_text(guard.statement, ++index, value->data(), static_cast<int>(value->size()),
                                  SQLITE_STATIC);
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
