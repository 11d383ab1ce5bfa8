// @brief Picks the store for a database URL and reports the startup upgrade.
#include "todo_store.hpp"

#include <migrations/migrations.hpp>

#include <cstdio>

namespace todo {

std::unique_ptr<TodoStore> open_store(const std::string& url) {
    const migrations::DatabaseUrl parsed = migrations::parse_url(url);
    if (parsed.scheme == "sqlite") return open_sqlite_store(parsed.path, parsed.path);
    return open_postgresql_store(url, parsed.redacted);
}

void report_upgrade(const std::string& shown_name, std::size_t count, const std::string& head, double milliseconds) {
    if (count == 0) return;  // already at head: say nothing
    std::printf("%s: upgraded %zu revision%s to %s in %.1f ms\n", shown_name.c_str(), count, count == 1 ? "" : "s",
                head.c_str(), milliseconds);
}

}  // namespace todo
