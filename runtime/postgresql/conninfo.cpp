// @brief Recognising, redacting and preparing PostgreSQL connection strings.
#include "postgresql/conninfo.hpp"

#include "redaction.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace migrations::postgresql {

namespace {

constexpr std::string_view kMask = "***";

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool starts_with_icase(std::string_view text, std::string_view prefix) noexcept {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

using detail::Span;  // [first, last) byte range of a password

// The password spans of a keyword string. When the text stops making sense after a
// `password` key, everything from there on is masked.
std::vector<Span> keyword_password_spans(std::string_view text) {
    std::vector<Span> spans;
    std::size_t i = 0;
    const auto skip_space = [&] {
        while (i < text.size() && is_space(text[i])) ++i;
    };
    while (true) {
        skip_space();
        if (i >= text.size()) break;
        const std::size_t key_start = i;
        while (i < text.size() && text[i] != '=' && !is_space(text[i])) ++i;
        const bool is_password = detail::is_password_key(text.substr(key_start, i - key_start));
        skip_space();
        if (i >= text.size() || text[i] != '=') {
            if (is_password || text.substr(key_start).find("assword") != std::string_view::npos) {
                spans.emplace_back(key_start, text.size());
            }
            break;
        }
        ++i;
        skip_space();
        const std::size_t value_start = i;
        if (i < text.size() && text[i] == '\'') {
            ++i;
            while (i < text.size() && text[i] != '\'') i += text[i] == '\\' ? 2 : 1;
            i = std::min(i + 1, text.size());
        } else {
            while (i < text.size() && !is_space(text[i])) i += text[i] == '\\' ? 2 : 1;
            i = std::min(i, text.size());
        }
        if (is_password) spans.emplace_back(value_start, i);
    }
    return spans;
}

std::vector<Span> password_spans(std::string_view text) {
    // A URL: the runtime's rule (the one parse_url uses), so the two redactions cannot differ.
    if (text.find("://") != std::string_view::npos) return detail::password_spans(text);
    return keyword_password_spans(text);
}

// `message` with every occurrence of the passwords in `text` masked.
std::string mask_passwords_in(std::string message, std::string_view text, const std::vector<Span>& spans) {
    for (const auto& [first, last] : spans) {
        message = mask_password(std::move(message), text.substr(first, last - first));
    }
    return message;
}

std::string keyword_quote(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
    return out;
}

}  // namespace

std::string mask_password(std::string message, std::string_view password) {
    if (password.empty()) return message;
    for (std::size_t at = message.find(password); at != std::string::npos;
         at = message.find(password, at + kMask.size())) {
        message.replace(at, password.size(), kMask);
    }
    return message;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

bool is_postgresql_url(std::string_view text) noexcept {
    return starts_with_icase(text, "postgresql://") || starts_with_icase(text, "postgres://");
}

bool is_keyword_conninfo(std::string_view text) noexcept {
    if (text.find("://") != std::string_view::npos) return false;
    std::size_t i = 0;
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t key_start = i;
    while (i < text.size() && text[i] != '=' && !is_space(text[i])) ++i;
    if (i == key_start) return false;
    while (i < text.size() && is_space(text[i])) ++i;
    return i < text.size() && text[i] == '=';
}

std::string redact_conninfo(std::string_view text) { return detail::mask_spans(text, password_spans(text)); }

std::string keyword_conninfo_to_url(std::string_view text) {
    const auto bad = [&](const std::string& why) {
        return ConninfoError("invalid PostgreSQL connection string \"" + redact_conninfo(text) + "\": " + why);
    };
    std::string url = "postgresql://";
    char separator = '?';
    std::size_t i = 0;
    const auto skip_space = [&] {
        while (i < text.size() && is_space(text[i])) ++i;
    };
    for (skip_space(); i < text.size(); skip_space()) {
        const std::size_t key_start = i;
        while (i < text.size() && text[i] != '=' && !is_space(text[i])) ++i;
        const std::string_view key = text.substr(key_start, i - key_start);
        skip_space();
        if (key.empty() || i >= text.size() || text[i] != '=') {
            throw bad("missing \"=\" after \"" + std::string(key) + "\"");
        }
        ++i;
        skip_space();
        std::string value;
        if (i < text.size() && text[i] == '\'') {
            for (++i; i < text.size() && text[i] != '\''; ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) ++i;
                value += text[i];
            }
            if (i >= text.size()) throw bad("unterminated quoted value of \"" + std::string(key) + "\"");
            ++i;
        } else {
            for (; i < text.size() && !is_space(text[i]); ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) ++i;
                value += text[i];
            }
        }
        url += separator + percent_encode(key) + "=" + percent_encode(value);
        separator = '&';
    }
    return url;
}

Conninfo prepare_conninfo(std::string_view text, std::string_view application_name) {
    Conninfo result;
    result.redacted = redact_conninfo(text);
    const std::vector<Span> spans = password_spans(text);
    if (text.find("://") != std::string_view::npos && !is_postgresql_url(text)) {
        throw ConninfoError("not a PostgreSQL connection string: \"" + result.redacted +
                            "\" (expected postgresql://user@host:port/dbname or \"host=... dbname=...\")");
    }
    result.libpq.assign(text);
    if (is_postgresql_url(text)) {
        result.libpq += text.find('?') == std::string_view::npos ? '?' : '&';
        result.libpq += "fallback_application_name=" + percent_encode(application_name);
    } else {
        if (!result.libpq.empty()) result.libpq += ' ';
        result.libpq += "fallback_application_name=" + keyword_quote(application_name);
    }
    char* error = nullptr;
    const std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
        PQconninfoParse(result.libpq.c_str(), &error), PQconninfoFree);
    if (!options) {
        std::string reason = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        while (!reason.empty() && is_space(reason.back())) reason.pop_back();
        throw ConninfoError("invalid PostgreSQL connection string \"" + result.redacted +
                            "\": " + mask_passwords_in(reason, text, spans));
    }
    return result;
}

}  // namespace migrations::postgresql
