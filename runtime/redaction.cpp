// @brief Finding a URL's user info, and masking passwords wherever they may appear.
#include "redaction.hpp"

#include <algorithm>

namespace migrations::detail {

namespace {

constexpr std::size_t kNotFound = std::string_view::npos;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The password of the user info in `text`, one URL or word: find_user_info's rule, else (text
// the rule does not read as a URL: `postgresql:///u:pw@h`) whatever lies between a ':' and the
// last '@', when that ':' lies after the authority (in the path) and not in a query.
std::optional<Span> user_info_password(std::string_view text) {
    const std::size_t start = authority_start(text);
    if (const std::optional<UserInfo> info = find_user_info(text, start)) {
        if (info->colon == kNotFound) return std::nullopt;
        return Span{info->colon + 1, info->at};
    }
    const std::size_t at = text.rfind('@');
    const std::size_t colon = text.find(':', start);
    // A ':' in the authority was judged by the rule (a port); one in a query is no user info.
    const std::size_t path = std::min(text.find_first_of("/?", start), text.size());
    if (at == kNotFound || at < start || colon == kNotFound || colon > at || colon < path ||
        text.substr(start, colon - start).find('?') != kNotFound) {
        return std::nullopt;
    }
    return Span{colon + 1, at};
}

// The values of every password key (`password=x`, `sslpassword = 'a b'`, `&PGPASSWORD=x`).
void add_password_keys(std::string_view text, std::vector<Span>& spans) {
    std::size_t from = 0;
    for (std::size_t equals = text.find('=', from); equals != kNotFound; equals = text.find('=', from)) {
        from = equals + 1;
        std::size_t key_end = equals;
        while (key_end > 0 && (text[key_end - 1] == ' ' || text[key_end - 1] == '\t')) --key_end;
        std::size_t key_start = key_end;
        while (key_start > 0 && is_key_char(text[key_start - 1])) --key_start;
        if (!is_password_key(text.substr(key_start, key_end - key_start))) continue;
        const bool in_query = key_start > 0 && (text[key_start - 1] == '?' || text[key_start - 1] == '&');
        std::size_t value = equals + 1;
        while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
        std::size_t end = value;
        if (text.substr(value, 3) == "***" &&
            (value + 3 == text.size() || std::string_view(" \t\n&'\":,)").find(text[value + 3]) != kNotFound)) {
            end = value + 3;  // masked already (a message quoting a redacted URL)
        } else if (end < text.size() && text[end] == '\'') {
            for (++end; end < text.size() && text[end] != '\''; ++end) {
                if (text[end] == '\\') ++end;
            }
            end = std::min(end + 1, text.size());
        } else {
            while (end < text.size() && !is_space(text[end]) && !(in_query && text[end] == '&')) ++end;
        }
        spans.emplace_back(value, end);
        from = std::max(from, end);
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::optional<UserInfo> find_user_info(std::string_view text, std::size_t begin) {
    if (begin > text.size()) return std::nullopt;
    const std::string_view rest = text.substr(begin);
    const std::size_t end = std::min(rest.find_first_of("/?"), rest.size());
    if (const std::size_t at = rest.substr(0, end).rfind('@'); at != kNotFound) {
        const std::size_t colon = rest.substr(0, at).find(':');
        return UserInfo{colon == kNotFound ? kNotFound : begin + colon, begin + at};
    }
    // No '@' before the path: a password with a raw '/' or '?', or no user info at all.
    const std::size_t colon = rest.substr(0, end).find(':');
    if (colon == kNotFound || rest.front() == '[' ||
        (colon + 1 < end && all_digits(rest.substr(colon + 1, end - colon - 1)))) {
        return std::nullopt;
    }
    const std::size_t at = rest.rfind('@');
    if (at == kNotFound) return std::nullopt;
    return UserInfo{begin + colon, begin + at};
}

std::size_t authority_start(std::string_view text) {
    if (const std::size_t p = text.find("://"); p != kNotFound) return p + 3;
    if (const std::size_t p = text.find("//"); p != kNotFound) return p + 2;
    if (const std::size_t p = text.find(":/"); p != kNotFound) return p + 2;
    return 0;
}

bool is_password_key(std::string_view key) {
    constexpr std::string_view kPassword = "password";
    if (key.size() < kPassword.size()) return false;
    const std::string_view tail = key.substr(key.size() - kPassword.size());
    for (std::size_t i = 0; i < tail.size(); ++i) {
        const char c = tail[i] >= 'A' && tail[i] <= 'Z' ? static_cast<char>(tail[i] - 'A' + 'a') : tail[i];
        if (c != kPassword[i]) return false;
    }
    return true;
}

std::vector<Span> password_spans(std::string_view text) {
    std::vector<Span> spans;
    if (const std::optional<Span> user = user_info_password(text)) spans.push_back(*user);
    add_password_keys(text, spans);
    std::sort(spans.begin(), spans.end());
    return spans;
}

std::string mask_spans(std::string_view text, const std::vector<Span>& spans) {
    std::vector<Span> sorted = spans;
    std::sort(sorted.begin(), sorted.end());
    std::string out;
    std::size_t copied = 0;
    for (const auto& [first, last] : sorted) {
        if (first < copied) {
            copied = std::max(copied, last);
            continue;
        }
        out.append(text.substr(copied, first - copied));
        out.append("***");
        copied = last;
    }
    if (copied < text.size()) out.append(text.substr(copied));
    return out;
}

std::string redact_text(std::string_view text) {
    std::vector<Span> spans;
    add_password_keys(text, spans);
    for (std::size_t word = 0; word < text.size();) {
        while (word < text.size() && is_space(text[word])) ++word;
        std::size_t end = word;
        while (end < text.size() && !is_space(text[end])) ++end;
        if (const std::optional<Span> user = user_info_password(text.substr(word, end - word))) {
            spans.emplace_back(word + user->first, word + user->second);
        }
        word = end;
    }
    return mask_spans(text, spans);
}

}  // namespace migrations::detail
