// @brief The one rule that finds a URL's user info (used by parse_url and by every redaction),
// and the masking of passwords in URLs, connection strings and free-text messages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migrations::detail {

/// Where the user info of a URL lies, as byte offsets into the text given to find_user_info.
struct UserInfo {
    /// The ':' between user and password, or npos when the user info has no password.
    std::size_t colon;
    /// The '@' that ends the user info.
    std::size_t at;
};

/// The user info of the authority that starts at `begin` in `text` (just after "://"), or
/// nothing. The rule, shared by parse_url and the redaction: the user info ends at the last
/// '@' before the first '/' or '?' (so a password may hold raw '@', ':' and '#'); when there is
/// none, at the last '@' of the text, provided a ':' comes before that first '/' or '?', the
/// text between them is not a port (digits) and the text does not start with '[' (so a
/// password may hold a raw '/' or '?'). The password is the text after the first ':' of the
/// user info.
std::optional<UserInfo> find_user_info(std::string_view text, std::size_t begin);

/// `text` with every `%XX` escape decoded (a '%' not followed by two hex digits is kept).
std::string percent_decode(std::string_view text);

/// Where the authority of something URL-like starts: after the first "://", else after the
/// first "//" (`postgres//u:pw@h`), else after the first ":/" (`postgresql:/u:pw@h`), else 0.
std::size_t authority_start(std::string_view text);

/// True when `key` names a password: it ends with "password", in any case (`password`,
/// `sslpassword`, `PGPASSWORD`).
bool is_password_key(std::string_view key);

/// A [first, last) byte range of a password in a text.
using Span = std::pair<std::size_t, std::size_t>;

/// The password spans of one URL or connection string taken whole: the password of its user
/// info (find_user_info from authority_start; when the rule finds none, the text between a
/// ':' in the path and the last '@', to be safe: `postgresql:///u:pw@h`), and the value of every
/// password key (`password=`, `sslpassword = 'x y'`; in a query the value ends at '&').
/// Sorted, not overlapping.
std::vector<Span> password_spans(std::string_view text);

/// `text` with every span replaced by "***".
std::string mask_spans(std::string_view text, const std::vector<Span>& spans);

/// A message with every password masked: password keys anywhere, and in each
/// whitespace-separated word the user info that password_spans finds in it
/// (`scheme://user:secret@`, `user:secret@host`, scheme typos). For every line of output
/// that may echo what a user typed.
std::string redact_text(std::string_view text);

}  // namespace migrations::detail
