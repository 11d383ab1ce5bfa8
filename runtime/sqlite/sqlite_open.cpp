// @brief Opening the database of an sqlite:// URL: its query parameters through SQLite's URI
// handling, and the read-only verbs' refusal to create a missing file.
#include <sqlite3.h>

#include <filesystem>
#include <migrations/error.hpp>
#include <string_view>

#include "sqlite/sqlite_backend.hpp"

namespace migrations::detail {

namespace {

// The parameters SQLite's URI handling knows (https://sqlite.org/uri.html); it ignores others
// silently, so a typo would be ignored too: those are refused by name.
constexpr std::string_view kKnownParameters[] = {"cache", "immutable", "mode", "nolock", "psow", "vfs"};

// Throws Error(bad_url) naming the first parameter of `query` SQLite does not know.
void check_parameters(const DatabaseUrl& url) {
    std::string_view rest = url.query;
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view parameter = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const std::string_view name = parameter.substr(0, parameter.find('='));
        if (name.empty()) continue;
        bool known = false;
        for (std::string_view candidate : kKnownParameters) known = known || candidate == name;
        if (!known) {
            throw Error(ErrorKind::bad_url, "unknown SQLite URL parameter '" + std::string(name) + "' in '" +
                                                url.redacted +
                                                "' (SQLite knows: cache, immutable, mode, nolock, psow, vfs)");
        }
    }
}

// The `file:` URI of `path` with `query`: '%', '?' and '#' in the path are escaped so that SQLite
// reads the path exactly as the URL gave it.
std::string file_uri(const std::string& path, const std::string& query) {
    std::string uri = path.size() > 1 && path[0] == '/' ? "file://" : "file:";
    for (char c : path) {
        if (c == '%') {
            uri += "%25";
        } else if (c == '?') {
            uri += "%3f";
        } else if (c == '#') {
            uri += "%23";
        } else {
            uri += c;
        }
    }
    return uri + "?" + query;
}

// "no database at ..." for a path that does not exist, saying how the path was read.
std::string missing_message(const DatabaseUrl& url) {
    const std::filesystem::path path(url.path);
    std::string message = "cannot open " + url.redacted + ": no SQLite database at '" + url.path + "'";
    if (path.is_relative()) {
        std::error_code ignored;
        message += " (taken as relative to the working directory '" + std::filesystem::current_path(ignored).string() +
                   "'; an absolute path takes four slashes: sqlite:////path/to/app.db)";
    }
    return message + "; this command reads a database and never creates one";
}

}  // namespace

std::unique_ptr<Backend> SqliteBackend::open(const DatabaseUrl& url, const Options& options) {
    return open(url, options, true);
}

std::unique_ptr<Backend> SqliteBackend::open_existing(const DatabaseUrl& url, const Options& options) {
    return open(url, options, false);
}

std::unique_ptr<Backend> SqliteBackend::open(const DatabaseUrl& url, const Options& options, bool create) {
    validate(options);
    check_parameters(url);
    const bool uri = !url.query.empty();
    const std::string name = uri ? file_uri(url.path, url.query) : url.path;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | (uri ? SQLITE_OPEN_URI : 0);
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        const int code = db ? sqlite3_extended_errcode(db) : rc;
        sqlite3_close(db);
        std::error_code ignored;
        if (!create && (rc & 0xff) == SQLITE_CANTOPEN && url.path != ":memory:" &&
            !std::filesystem::exists(url.path, ignored)) {
            throw Error(ErrorKind::database, missing_message(url), {}, {}, 0, code);
        }
        throw Error(ErrorKind::database, "cannot open " + url.redacted + ": " + message, {}, {}, 0, code);
    }
    try {
        return std::unique_ptr<Backend>(new SqliteBackend(db, options, true, url.redacted));
    } catch (...) {
        sqlite3_close(db);
        throw;
    }
}

}  // namespace migrations::detail
