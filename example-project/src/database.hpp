// @brief Opens the todo database named by a URL, closing it when done (RAII).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

namespace todo {

struct SqliteCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, SqliteCloser>;

/// Opens (creating if needed) the SQLite database of `url` ("sqlite:///todo.db").
/// Throws std::runtime_error for other schemes or when the file cannot be opened.
Connection open_database(const std::string& url);

/// The name to show for `url` in messages: the file name for SQLite, else the redacted URL.
std::string display_name(const std::string& url);

}  // namespace todo
