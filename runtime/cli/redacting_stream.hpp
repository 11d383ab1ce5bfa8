// @brief An output stream that masks passwords in every line before passing it on: what the
// command lines (run_cli and the `migrations` tool) write their messages through.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace migrations::cli {

/// A stream buffer that holds each line until its '\n' (a flush keeps a partial line), masks it with
/// detail::redact_text and writes it to `target`. The remainder is written on destruction.
class RedactingStreambuf final : public std::streambuf {
public:
    explicit RedactingStreambuf(std::streambuf* target) : target_(target) {}
    RedactingStreambuf(const RedactingStreambuf&) = delete;
    RedactingStreambuf& operator=(const RedactingStreambuf&) = delete;
    ~RedactingStreambuf() override;

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* text, std::streamsize count) override;
    int sync() override;

private:
    void write_line();

    std::streambuf* target_;
    std::string line_;
};

/// An ostream over a RedactingStreambuf: `RedactingStream err(std::cerr);` then write to
/// `err` what may echo user input.
class RedactingStream final : public std::ostream {
public:
    explicit RedactingStream(std::ostream& target) : std::ostream(nullptr), buffer_(target.rdbuf()) { rdbuf(&buffer_); }

private:
    RedactingStreambuf buffer_;
};

}  // namespace migrations::cli
