// @brief Parsing of database URLs and redaction of the passwords they carry.
#include <migrations/error.hpp>
#include <migrations/url.hpp>

#include <cctype>

namespace migrations {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() + 0 && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Masks the value of every `password=` key (query parameters `&password=x`, libpq keyword
// strings `password=x` or `password='x y'`).
std::string mask_password_keys(std::string text) {
    std::size_t from = 0;
    for (;;) {
        const std::string low = lower(text);
        const std::size_t key = low.find("password", from);
        if (key == std::string::npos) return text;
        std::size_t at = key + 8;
        const bool starts_key = key == 0 || std::string_view("?& \t").find(text[key - 1]) != std::string_view::npos;
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
        if (!starts_key || at >= text.size() || text[at] != '=') {
            from = key + 8;
            continue;
        }
        ++at;
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
        std::size_t end = at;
        if (at < text.size() && text[at] == '\'') {
            end = at + 1;
            while (end < text.size() && text[end] != '\'') end += text[end] == '\\' ? 2 : 1;
            end = end < text.size() ? end + 1 : text.size();
        } else {
            while (end < text.size() && text[end] != '&' && text[end] != ' ' && text[end] != '\t') ++end;
        }
        text.replace(at, end - at, "***");
        from = at + 3;
    }
}

}  // namespace

std::string redact_url(std::string_view url) {
    std::string text(url);
    const std::size_t scheme_end = text.find("://");
    if (scheme_end != std::string::npos) {
        const std::size_t authority = scheme_end + 3;
        std::size_t authority_end = text.find_first_of("/?#", authority);
        if (authority_end == std::string::npos) authority_end = text.size();
        // The last '@' ends the user info (a password may contain an unescaped '@').
        const std::size_t at = text.rfind('@', authority_end == text.size() ? std::string::npos : authority_end);
        if (at != std::string::npos && at >= authority && at < authority_end) {
            const std::size_t colon = text.find(':', authority);
            if (colon != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
        }
    }
    return mask_password_keys(text);
}

DatabaseUrl parse_url(std::string_view url) {
    DatabaseUrl result;
    result.redacted = redact_url(url);
    const auto bad = [&](const std::string& why) {
        return Error(ErrorKind::bad_url, "bad database URL '" + result.redacted + "': " + why);
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
    std::string_view rest = url.substr(scheme_end + 3);
    if (const auto question = rest.find('?'); question != std::string_view::npos) {
        result.query = std::string(rest.substr(question + 1));
        rest = rest.substr(0, question);
    }
    if (result.scheme == "sqlite") {
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
    if (slash != std::string_view::npos) result.path = percent_decode(rest.substr(slash + 1));
    std::string_view host_port = authority;
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const std::string_view user_info = authority.substr(0, at);
        host_port = authority.substr(at + 1);
        const auto colon = user_info.find(':');
        result.user = percent_decode(user_info.substr(0, colon));
        if (colon != std::string_view::npos) result.password = percent_decode(user_info.substr(colon + 1));
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
            if (!std::isdigit(static_cast<unsigned char>(c))) throw bad("invalid port '" + result.port + "'");
        }
    }
    return result;
}

}  // namespace migrations
