// @brief Parsing of database URLs and redaction of the passwords they carry.
#include <migrations/error.hpp>
#include <migrations/url.hpp>

#include "redaction.hpp"

#include <cctype>
#include <optional>

namespace migrations {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string redact_url(std::string_view url) { return detail::mask_spans(url, detail::password_spans(url)); }

DatabaseUrl parse_url(std::string_view url) {
    DatabaseUrl result;
    result.redacted = redact_url(url);
    const auto bad = [&](const std::string& why) {
        return Error(ErrorKind::bad_url, "bad database URL '" + result.redacted + "': " + detail::redact_text(why));
    };
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) {
        throw bad("expected scheme://..., e.g. sqlite:///app.db or postgresql://user@host/db");
    }
    result.scheme = lower(url.substr(0, scheme_end));
    for (char c : result.scheme) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
            throw bad("invalid scheme '" + result.scheme + "'");
        }
    }
    // SQLAlchemy's dialect+driver (postgresql+psycopg2, sqlite+pysqlite): the driver is Python's.
    if (const auto plus = result.scheme.find('+'); plus != std::string::npos) {
        result.driver = result.scheme.substr(plus + 1);
        result.scheme.erase(plus);
        if (result.scheme.empty() || result.driver.empty())
            throw bad("invalid scheme '" + lower(url.substr(0, scheme_end)) + "'");
    }
    std::string_view rest = url.substr(scheme_end + 3);
    // The user info first, by the rule the redaction uses: a password may hold '/', '?' or '#'.
    const std::optional<detail::UserInfo> user_info = detail::find_user_info(rest, 0);
    std::string_view user_text;
    if (user_info) {
        user_text = rest.substr(0, user_info->at);
        rest = rest.substr(user_info->at + 1);
    }
    if (const auto question = rest.find('?'); question != std::string_view::npos) {
        result.query = std::string(rest.substr(question + 1));
        rest = rest.substr(0, question);
    }
    if (result.scheme == "sqlite") {
        if (user_info)
            throw bad(
                "an SQLite URL has no user name or password; use sqlite:///relative.db or sqlite:////absolute/path.db");
        if (rest == ":memory:" || rest == "/:memory:") {
            result.path = ":memory:";
        } else if (!rest.empty() && rest.front() == '/') {
            result.path = std::string(rest.substr(1));
        } else if (!rest.empty()) {
            throw bad("an SQLite URL has no host; use sqlite:///" + std::string(rest) + " for a relative path");
        }
        if (result.path.empty()) {
            throw bad("no database path; use sqlite:///relative.db, sqlite:////absolute/path.db or sqlite://:memory:");
        }
        return result;
    }
    const std::size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) result.path = detail::percent_decode(rest.substr(slash + 1));
    const std::string_view host_port = authority;
    if (user_info) {
        const auto colon = user_text.find(':');
        result.user = detail::percent_decode(user_text.substr(0, colon));
        if (colon != std::string_view::npos) result.password = detail::percent_decode(user_text.substr(colon + 1));
    }
    std::size_t port_colon = host_port.rfind(':');
    if (!host_port.empty() && host_port.front() == '[') {
        const auto close = host_port.find(']');
        if (close == std::string_view::npos) throw bad("unterminated IPv6 address");
        port_colon = host_port.find(':', close);
        result.host = std::string(host_port.substr(1, close - 1));
    } else {
        result.host = std::string(host_port.substr(0, port_colon));
    }
    if (port_colon != std::string_view::npos) {
        result.port = std::string(host_port.substr(port_colon + 1));
        for (char c : result.port) {
            if (!std::isdigit(static_cast<unsigned char>(c)))
                throw bad("the port is not a number (in a password, percent-encode '@', '/' and '?' as %40, %2F, %3F)");
        }
    }
    return result;
}

}  // namespace migrations
