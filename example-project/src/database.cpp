// @brief Opens the todo database named by a URL.
#include "database.hpp"

#include <migrations/migrations.hpp>

#include <stdexcept>

namespace todo {

Connection open_database(const std::string& url) {
    const migrations::DatabaseUrl parsed = migrations::parse_url(url);
    if (parsed.scheme != "sqlite") {
        throw std::runtime_error("this example stores its todos in SQLite; " + parsed.redacted +
                                 " is not an sqlite:// URL");
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(parsed.path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Connection db(raw);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("cannot open " + parsed.path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(db.get(), 5000);
    return db;
}

std::string display_name(const std::string& url) {
    const migrations::DatabaseUrl parsed = migrations::parse_url(url);
    return parsed.scheme == "sqlite" ? parsed.path : parsed.redacted;
}

}  // namespace todo
