// @brief Database URLs: parsing `scheme://...` strings and redacting their passwords.
#pragma once

#include <string>
#include <string_view>

namespace migrations {

/// A database URL split into its parts. For SQLite, `path` is the file path
/// (`sqlite:///app.db` -> "app.db", `sqlite:////var/app.db` -> "/var/app.db") or ":memory:".
struct DatabaseUrl {
    /// Lower-cased scheme, e.g. "sqlite" or "postgresql", without an SQLAlchemy driver.
    std::string scheme;
    /// The SQLAlchemy driver the URL named and that is ignored (`postgresql+psycopg2://` ->
    /// "psycopg2", `sqlite+pysqlite://` -> "pysqlite"), or "".
    std::string driver;
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

/// Parses `url`. Accepts `scheme://[user[:password]@][host][:port]/path[?query]` (the scheme
/// may carry an SQLAlchemy driver, `postgresql+asyncpg://`, split off into `driver`), and for
/// SQLite `sqlite:///relative.db`, `sqlite:////absolute.db` and `sqlite://:memory:` (also
/// `sqlite:///:memory:`). The user info ends at the last '@' before the first '/' or '?', so a
/// password may hold raw '@', ':' and '#'; when no '@' comes before them, at the last '@' of
/// the URL provided a ':' that is not followed by a port comes first (a password with a raw
/// '/' or '?'). redact_url finds the user info by the same rule. Percent-escapes in user and
/// password are decoded. Throws Error(bad_url) naming the redacted URL when the text is not
/// such a URL, an SQLite URL has a user info or no path, or the port is not a number. Does not
/// check that a backend serves the scheme.
DatabaseUrl parse_url(std::string_view url);

/// `url` with the password (the user info's, found as parse_url finds it, and the value of
/// every key ending in `password` — `password=`, `sslpassword=` — in a query or libpq keyword
/// string) replaced by "***". Never throws for malformed input: in text that is not a URL
/// (`postgresql:/u:pw@h`, `postgres//u:pw@h`, `postgresql:///u:pw@h`, `u:pw@h`) the text
/// between `user:` and '@' is masked too.
std::string redact_url(std::string_view url);

}  // namespace migrations
