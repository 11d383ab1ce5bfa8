// @brief Text as C++ string literals that every compiler accepts: safely escaped, and split
// into pieces under the 16 KB a single literal may hold on some compilers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace migrations::generator {

/// Largest escaped size of one piece; under MSVC's 16,380-byte limit per literal.
inline constexpr std::size_t kMaxPieceSize = 16000;

/// Appends `text` as one quoted literal. Escapes `\`, `"`, newline, tab and carriage return
/// by name, a `?` after a `?` as `\?` (no trigraphs), and every other control or non-ASCII
/// byte as the shortest octal escape (`\0`; three digits when an octal digit follows; never
/// the greedy `\x`).
void append_literal(std::string& out, std::string_view text);

/// Appends `text` as the elements of a `const char*` array: pieces of at most `max_piece`
/// escaped bytes, separated by `separator` + "\n" + indent, each piece written as adjacent
/// literals of one source line per line of text. Never splits a UTF-8 sequence or an escape.
/// Empty text gives one empty piece. Returns the number of pieces. With an empty separator
/// the pieces are adjacent literals: one array initializer (the generated catalog's blob).
std::size_t append_pieces(std::string& out, std::string_view text, std::string_view indent,
                          std::size_t max_piece = kMaxPieceSize, std::string_view separator = ",");

}  // namespace migrations::generator
