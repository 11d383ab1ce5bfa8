// @brief The todo store on PostgreSQL (libpqxx), migrated at startup through its URL.
#include "todo_migrations.hpp"
#include "todo_store.hpp"

#include <migrations/migrations.hpp>

#include <stdexcept>

#ifdef TODO_WITH_POSTGRESQL
#include <pqxx/pqxx>

namespace todo {
namespace {

class PostgresqlTodoStore final : public TodoStore {
public:
    explicit PostgresqlTodoStore(const std::string& url) : connection_(url) {}

    std::int64_t add(const std::string& title) override {
        pqxx::work work(connection_);
        const pqxx::result result = work.exec_params("INSERT INTO todos (title) VALUES ($1) RETURNING id", title);
        work.commit();
        return result[0][0].as<std::int64_t>();
    }

    std::vector<Todo> list() override {
        pqxx::read_transaction work(connection_);
        std::vector<Todo> todos;
        for (const pqxx::row& row :
             work.exec("SELECT id, title, created_at, completed_at FROM todos WHERE deleted_at IS NULL ORDER BY id")) {
            todos.push_back(
                {row[0].as<std::int64_t>(), row[1].c_str(), row[2].c_str(), row[3].is_null() ? "" : row[3].c_str()});
        }
        return todos;
    }

    void complete(std::int64_t id) override {
        update_one(
            "UPDATE todos SET completed_at = to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD HH24:MI:SS') "
            "WHERE id = $1 AND deleted_at IS NULL",
            id, "todo");
    }

    void remove(std::int64_t id) override {
        update_one(
            "UPDATE todos SET deleted_at = to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD HH24:MI:SS') "
            "WHERE id = $1 AND deleted_at IS NULL",
            id, "todo");
    }

    void restore(std::int64_t id) override {
        update_one("UPDATE todos SET deleted_at = NULL WHERE id = $1 AND deleted_at IS NOT NULL", id, "deleted todo");
    }

private:
    // Runs `sql`, an UPDATE of todo `id`; throws naming `what` when no row matched.
    void update_one(const char* sql, std::int64_t id, const char* what) {
        pqxx::work work(connection_);
        const pqxx::result result = work.exec_params(sql, id);
        work.commit();
        if (result.affected_rows() == 0)
            throw std::runtime_error("no " + std::string(what) + " #" + std::to_string(id));
    }

    pqxx::connection connection_;
};

}  // namespace

std::unique_ptr<TodoStore> open_postgresql_store(const std::string& url, const std::string& shown_name) {
    // The startup migration by URL: the runtime opens its own connection for it.
    const migrations::UpgradeResult result = migrations::upgrade(url, todo_migrations());
    report_upgrade(shown_name, result.revisions.size(), result.to_string(), result.elapsed.count());
    return std::make_unique<PostgresqlTodoStore>(url);
}

}  // namespace todo

#else

namespace todo {

std::unique_ptr<TodoStore> open_postgresql_store(const std::string& url, const std::string&) {
    throw std::runtime_error("this todo was built without PostgreSQL support (libpqxx not found); cannot open " +
                             migrations::redact_url(url));
}

}  // namespace todo

#endif
