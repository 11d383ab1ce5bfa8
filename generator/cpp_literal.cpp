// @brief Escaping and chunking of text into C++ string literals.
#include "cpp_literal.hpp"

#include <algorithm>

namespace migrations::generator {
namespace {

/// Bytes of the UTF-8 sequence starting at text[i], or 1 when it is not a complete one.
std::size_t sequence_size(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t size = 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        size = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        size = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        size = 4;
    if (i + size > text.size()) return 1;
    for (std::size_t k = 1; k < size; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 1;
    }
    return size;
}

/// Printable ASCII that needs no escape ('?' excluded: it may start a trigraph).
bool is_plain(char c) { return c >= 0x20 && c < 0x7F && c != '\\' && c != '"' && c != '?'; }

/// The shortest octal escape of `byte` (`\0`, `\12`, `\377`), or three digits when the
/// character after it is an octal digit, which would otherwise join the escape.
void append_octal(std::string& out, unsigned char byte, bool digit_follows) {
    out += '\\';
    if (digit_follows || byte >= 0100) out += static_cast<char>('0' + ((byte >> 6) & 7));
    if (digit_follows || byte >= 010) out += static_cast<char>('0' + ((byte >> 3) & 7));
    out += static_cast<char>('0' + (byte & 7));
}

/// Appends the escape of text[i] (one byte, or one whole UTF-8 sequence) and returns the
/// number of bytes consumed. `after_question` says whether the previous output char was '?'.
std::size_t append_unit(std::string& out, std::string_view text, std::size_t i, bool after_question) {
    const auto byte = static_cast<unsigned char>(text[i]);
    switch (byte) {
        case '\\':
            out += "\\\\";
            return 1;
        case '"':
            out += "\\\"";
            return 1;
        case '\n':
            out += "\\n";
            return 1;
        case '\t':
            out += "\\t";
            return 1;
        case '\r':
            out += "\\r";
            return 1;
        case '?':
            out += after_question ? "\\?" : "?";
            return 1;
        default:
            break;
    }
    if (byte >= 0x20 && byte < 0x7F) {
        out += static_cast<char>(byte);
        return 1;
    }
    const std::size_t size = byte >= 0x80 ? sequence_size(text, i) : 1;
    for (std::size_t k = 0; k < size; ++k) {
        const std::size_t next = i + k + 1;
        append_octal(out, static_cast<unsigned char>(text[i + k]),
                     next < text.size() && text[next] >= '0' && text[next] <= '7');
    }
    return size;
}

}  // namespace

void append_literal(std::string& out, std::string_view text) {
    out += '"';
    std::size_t i = 0;
    while (i < text.size()) i += append_unit(out, text, i, i > 0 && text[i - 1] == '?');
    out += '"';
}

std::size_t append_pieces(std::string& out, std::string_view text, std::string_view indent, std::size_t max_piece,
                          std::string_view separator) {
    std::size_t pieces = 1;
    std::size_t piece_size = 0;  // escaped bytes in the current piece
    bool piece_start = true;     // nothing of the current piece written yet
    bool line_open = true;       // a quote is open on the current source line
    const auto next_piece = [&] {
        if (line_open) out += '"';
        out += separator;
        out += '\n';
        out += indent;
        out += '"';
        ++pieces;
        piece_size = 0;
        piece_start = true;
        line_open = true;
    };
    const auto open_line = [&] {
        if (line_open) return;
        out += '\n';
        out += indent;
        out += '"';
        line_open = true;
    };
    std::string unit;
    std::size_t i = 0;
    out += '"';
    while (i < text.size()) {
        if (is_plain(text[i])) {
            // Fast path: a run of bytes written as they are, cut only at the piece limit.
            std::size_t end = i + 1;
            while (end < text.size() && is_plain(text[end])) ++end;
            const std::size_t room = max_piece > piece_size ? max_piece - piece_size : 0;
            if (room == 0 && !piece_start) {
                next_piece();
                continue;
            }
            const std::size_t take = std::min(end - i, std::max<std::size_t>(room, 1));
            open_line();
            out.append(text.data() + i, take);
            piece_size += take;
            piece_start = false;
            i += take;
            continue;
        }
        unit.clear();
        const bool after_question = !piece_start && text[i - 1] == '?';
        const std::size_t consumed = append_unit(unit, text, i, after_question);
        if (!piece_start && piece_size + unit.size() > max_piece) {
            // The new literal starts afresh: a '?' no longer follows a '?' in the source.
            next_piece();
            continue;
        }
        open_line();
        out += unit;
        piece_size += unit.size();
        piece_start = false;
        if (text[i] == '\n' && i + consumed < text.size()) {
            out += '"';
            line_open = false;
        }
        i += consumed;
    }
    if (line_open) out += '"';
    return pieces;
}

}  // namespace migrations::generator
