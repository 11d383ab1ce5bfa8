// @brief The todo list's own data access: plain SQL on the schema the migrations built.
#pragma once

#include <cstdint>
#include <memory>
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
/// the ones taking an id throw when no such todo exists.
class TodoStore {
public:
    virtual ~TodoStore() = default;

    /// Adds an open todo and returns its id.
    virtual std::int64_t add(const std::string& title) = 0;
    /// The todos that are not deleted, oldest first.
    virtual std::vector<Todo> list() = 0;
    /// Marks a todo completed.
    virtual void complete(std::int64_t id) = 0;
    /// Soft delete: the row stays, with deleted_at set; list() no longer shows it.
    virtual void remove(std::int64_t id) = 0;
    /// Undoes remove().
    virtual void restore(std::int64_t id) = 0;
};

/// Opens the database named by `url` (sqlite:///todo.db, postgresql://...), brings its schema
/// to head (printing one line when that changed anything) and returns its store.
/// Throws migrations::Error or std::runtime_error.
std::unique_ptr<TodoStore> open_store(const std::string& url);

/// Implementations, one per database.
std::unique_ptr<TodoStore> open_sqlite_store(const std::string& path, const std::string& shown_name);
std::unique_ptr<TodoStore> open_postgresql_store(const std::string& url, const std::string& shown_name);

/// The one line printed when the startup upgrade applied revisions:
/// "todo.db: upgraded 2 revisions to 4c1d2e7f9a0b in 3.1 ms".
void report_upgrade(const std::string& shown_name, std::size_t count, const std::string& head, double milliseconds);

}  // namespace todo
