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

void RedactingStreambuf::write_line() {
    if (line_.empty()) return;
    const std::string masked = detail::redact_text(line_);
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
