// @brief The todo list's own data access: plain SQL on the schema the migrations built.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace todo {

struct Todo {
    std::int64_t id = 0;
    std::string title;
    std::string created_at;
    /// Empty while the todo is open.
    std::string completed_at;
};

/// Reads and writes todos. Every function throws std::runtime_error on a database error;
/// the ones taking an id throw when no such (visible or deleted) todo exists.
class TodoStore {
public:
    explicit TodoStore(sqlite3* db) : db_(db) {}

    /// Adds an open todo and returns its id.
    std::int64_t add(const std::string& title);
    /// The todos that are not deleted, oldest first.
    std::vector<Todo> list();
    /// Marks a todo completed.
    void complete(std::int64_t id);
    /// Soft delete: the row stays, with deleted_at set; list() no longer shows it.
    void remove(std::int64_t id);
    /// Undoes remove().
    void restore(std::int64_t id);

private:
    /// Runs `sql`, an UPDATE of todo `id`; throws naming `what` when no row matched.
    void update_one(const char* sql, std::int64_t id, const char* what);

    sqlite3* db_;
};

}  // namespace todo
