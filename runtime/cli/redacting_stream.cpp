// @brief Line-buffered masking of passwords on the way to stderr.
#include "cli/redacting_stream.hpp"

#include "redaction.hpp"

namespace migrations::cli {

RedactingStreambuf::~RedactingStreambuf() {
    try {
        write_line();
    } catch (...) {  // a destructor never throws; the line is lost rather than printed unmasked
    }
}

void RedactingStreambuf::add_secrets_of(std::string_view input) {
    constexpr std::size_t kShortest = 4;
    for (const auto& [first, last] : detail::password_spans(input)) {
        const std::string_view secret = input.substr(first, last - first);
        for (std::string text : {std::string(secret), detail::percent_decode(secret)}) {
            if (text.size() >= kShortest && text != "***") secrets_.push_back(std::move(text));
        }
    }
}

void RedactingStreambuf::write_line() {
    if (line_.empty()) return;
    std::string masked = line_;
    for (const std::string& secret : secrets_) {
        for (std::size_t at = masked.find(secret); at != std::string::npos; at = masked.find(secret, at + 3)) {
            masked.replace(at, secret.size(), "***");
        }
    }
    masked = detail::redact_text(masked);
    line_.clear();
    target_->sputn(masked.data(), static_cast<std::streamsize>(masked.size()));
    target_->pubsync();
}

RedactingStreambuf::int_type RedactingStreambuf::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    line_ += traits_type::to_char_type(c);
    if (line_.back() == '\n') write_line();
    return c;
}

std::streamsize RedactingStreambuf::xsputn(const char* text, std::streamsize count) {
    for (std::streamsize i = 0; i < count; ++i) {
        line_ += text[i];
        if (text[i] == '\n') write_line();
    }
    return count;
}

int RedactingStreambuf::sync() {
    // A flush in the middle of a line keeps the line: a password may follow.
    return 0;
}

}  // namespace migrations::cli
