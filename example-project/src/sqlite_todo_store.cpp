// @brief The todo store on SQLite: the app holds its sqlite3* and migrates it at startup.
#include "todo_migrations.hpp"
#include "todo_store.hpp"

#include <sqlite3.h>
#include <migrations/migrations.hpp>

#include <stdexcept>

namespace todo {
namespace {

struct Closer {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;
using Statement = std::unique_ptr<sqlite3_stmt, Closer>;

class SqliteTodoStore final : public TodoStore {
public:
    explicit SqliteTodoStore(Connection db) : db_(std::move(db)) {}

    std::int64_t add(const std::string& title) override {
        Statement statement = prepare("INSERT INTO todos (title) VALUES (?1)");
        sqlite3_bind_text(statement.get(), 1, title.c_str(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
        step_to_end(statement.get());
        return sqlite3_last_insert_rowid(db_.get());
    }

    std::vector<Todo> list() override {
        Statement statement =
            prepare("SELECT id, title, created_at, completed_at FROM todos WHERE deleted_at IS NULL ORDER BY id");
        std::vector<Todo> todos;
        int rc;
        while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
            todos.push_back({sqlite3_column_int64(statement.get(), 0), text(statement.get(), 1),
                             text(statement.get(), 2), text(statement.get(), 3)});
        }
        if (rc != SQLITE_DONE) fail();
        return todos;
    }

    void complete(std::int64_t id) override {
        update_one(
            "UPDATE todos SET completed_at = strftime('%Y-%m-%d %H:%M:%S', 'now') "
            "WHERE id = ?1 AND deleted_at IS NULL",
            id, "todo");
    }

    void remove(std::int64_t id) override {
        update_one(
            "UPDATE todos SET deleted_at = strftime('%Y-%m-%d %H:%M:%S', 'now') "
            "WHERE id = ?1 AND deleted_at IS NULL",
            id, "todo");
    }

    void restore(std::int64_t id) override {
        update_one("UPDATE todos SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", id, "deleted todo");
    }

private:
    [[noreturn]] void fail() const {
        throw std::runtime_error(std::string("database error: ") + sqlite3_errmsg(db_.get()));
    }

    Statement prepare(const char* sql) const {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) != SQLITE_OK) fail();
        return Statement(raw);
    }

    void step_to_end(sqlite3_stmt* statement) const {
        if (sqlite3_step(statement) != SQLITE_DONE) fail();
    }

    static std::string text(sqlite3_stmt* statement, int column) {
        const unsigned char* value = sqlite3_column_text(statement, column);
        return value ? reinterpret_cast<const char*>(value) : "";
    }

    // Runs `sql`, an UPDATE of todo `id`; throws naming `what` when no row matched.
    void update_one(const char* sql, std::int64_t id, const char* what) {
        Statement statement = prepare(sql);
        sqlite3_bind_int64(statement.get(), 1, id);
        step_to_end(statement.get());
        if (sqlite3_changes(db_.get()) == 0)
            throw std::runtime_error("no " + std::string(what) + " #" + std::to_string(id));
    }

    Connection db_;
};

}  // namespace

std::unique_ptr<TodoStore> open_sqlite_store(const std::string& path, const std::string& shown_name) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Connection db(raw);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(db.get(), 5000);

    // The startup migration, on the connection the app already holds: one SELECT when at head.
    const migrations::UpgradeResult result = migrations::upgrade(db.get(), todo_migrations());
    report_upgrade(shown_name, result.revisions.size(), result.to_string(), result.elapsed.count());
    return std::make_unique<SqliteTodoStore>(std::move(db));
}

}  // namespace todo
