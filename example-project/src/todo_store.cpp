// @brief The todo list's own data access.
#include "todo_store.hpp"

#include <memory>
#include <stdexcept>

namespace todo {
namespace {

struct Finalizer {
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalizer>;

Statement prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string("database error: ") + sqlite3_errmsg(db));
    }
    return Statement(raw);
}

std::string text_column(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    return text ? reinterpret_cast<const char*>(text) : "";
}

}  // namespace

std::int64_t TodoStore::add(const std::string& title) {
    Statement statement = prepare(db_, "INSERT INTO todos (title) VALUES (?1)");
    sqlite3_bind_text(statement.get(), 1, title.c_str(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(statement.get()) != SQLITE_DONE) {
        throw std::runtime_error(std::string("cannot add todo: ") + sqlite3_errmsg(db_));
    }
    return sqlite3_last_insert_rowid(db_);
}

std::vector<Todo> TodoStore::list() {
    Statement statement = prepare(db_,
                                  "SELECT id, title, created_at, completed_at FROM todos "
                                  "WHERE deleted_at IS NULL ORDER BY id");
    std::vector<Todo> todos;
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        todos.push_back({sqlite3_column_int64(statement.get(), 0), text_column(statement.get(), 1),
                         text_column(statement.get(), 2), text_column(statement.get(), 3)});
    }
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("cannot list todos: ") + sqlite3_errmsg(db_));
    return todos;
}

void TodoStore::complete(std::int64_t id) {
    update_one("UPDATE todos SET completed_at = strftime('%Y-%m-%d %H:%M:%S', 'now') "
               "WHERE id = ?1 AND deleted_at IS NULL",
               id, "open todo");
}

void TodoStore::remove(std::int64_t id) {
    update_one("UPDATE todos SET deleted_at = strftime('%Y-%m-%d %H:%M:%S', 'now') "
               "WHERE id = ?1 AND deleted_at IS NULL",
               id, "todo");
}

void TodoStore::restore(std::int64_t id) {
    update_one("UPDATE todos SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", id, "deleted todo");
}

void TodoStore::update_one(const char* sql, std::int64_t id, const char* what) {
    Statement statement = prepare(db_, sql);
    sqlite3_bind_int64(statement.get(), 1, id);
    if (sqlite3_step(statement.get()) != SQLITE_DONE) {
        throw std::runtime_error(std::string("database error: ") + sqlite3_errmsg(db_));
    }
    if (sqlite3_changes(db_) == 0) throw std::runtime_error("no " + std::string(what) + " #" + std::to_string(id));
}

}  // namespace todo
