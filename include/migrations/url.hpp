// @brief Database URLs: parsing `scheme://...` strings and redacting their passwords.
#pragma once

#include <string>
#include <string_view>

namespace migrations {

/// A database URL split into its parts. For SQLite, `path` is the file path
/// (`sqlite:///app.db` -> "app.db", `sqlite:////var/app.db` -> "/var/app.db") or ":memory:".
struct DatabaseUrl {
    /// Lower-cased scheme, e.g. "sqlite" or "postgresql".
    std::string scheme;
    std::string user;
    std::string password;
    std::string host;
    /// The port as written, or "".
    std::string port;
    /// For SQLite the file path; for server databases the database name.
    std::string path;
    /// The text after '?', without the '?', or "".
    std::string query;
    /// The URL as given, password replaced by "***" (see redact_url).
    std::string redacted;
};

/// Parses `url`. Accepts `scheme://[user[:password]@][host][:port]/path[?query]`, and for
/// SQLite `sqlite:///relative.db`, `sqlite:////absolute.db` and `sqlite://:memory:` (also
/// `sqlite:///:memory:`). Percent-escapes in user and password are decoded.
/// Throws Error(bad_url) naming the redacted URL when the text is not such a URL or an
/// SQLite URL has no path. Does not check that a backend serves the scheme.
DatabaseUrl parse_url(std::string_view url);

/// `url` with the password (the text between `user:` and `@` in the authority, and any
/// `password=` key in a query or libpq keyword string) replaced by "***". Never throws
/// for malformed input: text it cannot parse is returned with anything that might be a
/// password masked.
std::string redact_url(std::string_view url);

}  // namespace migrations
