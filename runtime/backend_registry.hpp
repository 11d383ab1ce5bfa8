// @brief Dispatch from a URL's scheme to the backend that serves it: a small table.
#pragma once

#include "backend.hpp"

#include <migrations/url.hpp>

#include <memory>
#include <string_view>

namespace migrations::detail {

/// Opens a backend for a parsed URL; throws Error(database) when the database cannot be opened.
using BackendOpener = std::unique_ptr<Backend> (*)(const DatabaseUrl& url, const Options& options);

/// What an operation will do with the database it opens.
enum class Access {
    /// upgrade, downgrade, stamp: the database is created when missing.
    write,
    /// current, history, check, applied_revisions: a missing database is an error, never
    /// created (SQLite opens without SQLITE_OPEN_CREATE).
    read,
};

/// Adds (or replaces) the opener of `scheme` (lower case). For backends that are separate link
/// targets (PostgreSQL): they register themselves before the first URL is opened. Thread-safe.
void register_backend(std::string_view scheme, BackendOpener opener);

/// Parses `url` and opens the backend of its scheme, for `access` (backends without a
/// read-only opener, registered with register_backend, open the same way for both). Throws
/// Error(bad_url) for a malformed URL or a scheme no backend serves (naming the redacted URL
/// and the schemes served; for postgresql:// in a binary without that backend, naming the
/// CMake line that links it).
std::unique_ptr<Backend> open_backend(std::string_view url, const Options& options, Access access = Access::write);

}  // namespace migrations::detail
