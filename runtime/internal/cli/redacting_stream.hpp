// @brief An output stream that masks passwords in every line before passing it on: what the
// command lines (run_cli and the `migrations` tool) write their messages through.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::cli {

/// A stream buffer that holds each line until its '\n' (a flush keeps a partial line), masks it with
/// detail::redact_text and writes it to `target`. The remainder is written on destruction.
class RedactingStreambuf final : public std::streambuf {
public:
    explicit RedactingStreambuf(std::streambuf* target) : target_(target) {}
    RedactingStreambuf(const RedactingStreambuf&) = delete;
    RedactingStreambuf& operator=(const RedactingStreambuf&) = delete;
    ~RedactingStreambuf() override;

    /// Also masks, wherever they appear, the passwords detail::password_spans finds in
    /// `input` (taken whole, as typed: an argument, $DATABASE_URL), as given and
    /// percent-decoded; so a password is masked even where the message cut the URL apart
    /// (a raw space in it). Passwords shorter than 4 bytes are left to the patterns.
    void add_secrets_of(std::string_view input);

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* text, std::streamsize count) override;
    int sync() override;

private:
    void write_line();

    std::streambuf* target_;
    std::string line_;
    std::vector<std::string> secrets_;
};

/// An ostream over a RedactingStreambuf: `RedactingStream err(std::cerr);` then write to
/// `err` what may echo user input.
class RedactingStream final : public std::ostream {
public:
    explicit RedactingStream(std::ostream& target) : std::ostream(nullptr), buffer_(target.rdbuf()) { rdbuf(&buffer_); }

    /// See RedactingStreambuf::add_secrets_of.
    void add_secrets_of(std::string_view input) { buffer_.add_secrets_of(input); }

private:
    RedactingStreambuf buffer_;
};

}  // namespace migrations::cli
