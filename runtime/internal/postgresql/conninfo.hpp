// @brief PostgreSQL connection strings: recognising URLs and libpq keyword strings,
// redacting their passwords for messages, and preparing them for libpq.
//
// libpq itself parses both forms (`postgresql://user:pw@host:5432/db?sslmode=require` and
// `host=db user=app password=pw dbname=app`); this file only checks them up front so that a
// malformed string fails with a message that never shows the password.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace migrations::postgresql {

/// True when `text` starts with `postgresql://` or `postgres://` (scheme case-insensitive).
bool is_postgresql_url(std::string_view text) noexcept;

/// True when `text` looks like a libpq keyword string (`key=value ...`): it is not a URL and
/// its first word is followed by '='.
bool is_keyword_conninfo(std::string_view text) noexcept;

/// `text` (a URL or keyword string, well-formed or not) with every password replaced by
/// "***": the password of a URL's user info, any `password=` query parameter, and any
/// `password` keyword (quoted or not). Text it cannot parse is masked on the safe side.
std::string redact_conninfo(std::string_view text);

/// `message` with every occurrence of `password` replaced by "***" (unchanged for an empty
/// password): for libpq's messages, which may quote what they were given.
std::string mask_password(std::string message, std::string_view password);

/// `text` with every byte but RFC 3986's unreserved characters percent-encoded, for a URL's
/// user, password, path or query value.
std::string percent_encode(std::string_view text);

/// Thrown by prepare_conninfo and keyword_conninfo_to_url for text libpq would refuse; what() is redacted.
class ConninfoError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// The URL equivalent of a libpq keyword string: `host=db dbname=app password='a b'` ->
/// `postgresql://?host=db&dbname=app&password=a%20b` (libpq reads every keyword from a URL's
/// query). Quoted values and backslash escapes are decoded, then percent-encoded. Throws
/// ConninfoError (redacted) when `text` is not a well-formed keyword string.
std::string keyword_conninfo_to_url(std::string_view text);

/// A connection string checked and ready for libpq.
struct Conninfo {
    /// What to give libpq: the text as given plus `fallback_application_name`, so that the
    /// lock-holder message and pg_stat_activity name the program unless the string does.
    std::string libpq;
    /// The text as given, redacted: the only form that appears in messages.
    std::string redacted;
};

/// Checks `text` with libpq's own parser (PQconninfoParse) and adds
/// `fallback_application_name=<application_name>`. Throws ConninfoError with a message
/// naming the redacted text and libpq's complaint (passwords masked in it too).
Conninfo prepare_conninfo(std::string_view text, std::string_view application_name = "migrations");

}  // namespace migrations::postgresql
