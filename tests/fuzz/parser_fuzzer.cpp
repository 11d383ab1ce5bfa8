// @brief libFuzzer target: the revision parser on arbitrary bytes, with invariants, and the
// C++ literal escaping of what it returns checked by decoding it again.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checksum.hpp"
#include "cpp_literal.hpp"
#include "parser.hpp"

namespace {

using migrations::generator::RevisionFile;
using migrations::generator::SectionText;

void require(bool condition) {
    if (!condition) std::abort();
}

/// Decodes the literals append_pieces wrote (only the escapes it emits), joining pieces.
std::string decode(std::string_view code) {
    std::string text;
    bool in_literal = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (!in_literal) {
            require(c == '"' || c == ',' || c == '\n' || c == ' ');
            in_literal = c == '"';
            continue;
        }
        if (c == '"') {
            in_literal = false;
        } else if (c != '\\') {
            require(c >= 0x20 && c < 0x7F);
            require(!(c == '?' && i > 0 && code[i - 1] == '?'));  // never a trigraph
            text += c;
        } else {
            const char e = code.at(++i);
            switch (e) {
                case '\\':
                    text += '\\';
                    break;
                case '"':
                    text += '"';
                    break;
                case 'n':
                    text += '\n';
                    break;
                case 't':
                    text += '\t';
                    break;
                case 'r':
                    text += '\r';
                    break;
                case '?':
                    text += '?';
                    break;
                default: {  // an octal escape of one to three digits (the shortest that reads back)
                    require(e >= '0' && e <= '7');
                    unsigned value = static_cast<unsigned>(e - '0');
                    for (int digits = 1; digits < 3 && i + 1 < code.size() && code[i + 1] >= '0' && code[i + 1] <= '7';
                         ++digits)
                        value = value * 8 + static_cast<unsigned>(code[++i] - '0');
                    require(value <= 0377);
                    text += static_cast<char>(value);
                }
            }
        }
    }
    require(!in_literal);
    return text;
}

void check_section(const SectionText& section) {
    require(section.first_line == section.marker_line + 1);
    std::string code;
    const std::size_t pieces = migrations::generator::append_pieces(code, section.sql, " ", 64);
    require(pieces >= 1);
    require(decode(code) == section.sql);
    (void)migrations::generator::normalise_sql(section.sql);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::uint32_t dialects = size == 0 ? 3U : 1U + data[0] % 3U;
    migrations::generator::Diagnostics diagnostics;
    const RevisionFile file = migrations::generator::parse_revision(text, "fuzz.sql", dialects, diagnostics);
    require(file.well_formed == diagnostics.empty());
    for (const auto& diagnostic : diagnostics.all()) require(diagnostic.line >= 1 && !diagnostic.message.empty());
    if (file.well_formed) {
        require(migrations::generator::is_valid_id(file.id));
        require(!file.upgrade.empty());
        require(file.irreversible || !file.downgrade.empty());
        for (std::size_t d = 0; d < migrations::kDialectCount; ++d) {
            if ((dialects >> d) & 1U) {
                require(migrations::generator::revision_checksum(file, static_cast<migrations::Dialect>(d)).size() ==
                        64);
            }
        }
    }
    for (const SectionText& section : file.upgrade) check_section(section);
    for (const SectionText& section : file.downgrade) check_section(section);
    std::string code;
    migrations::generator::append_literal(code, file.message);
    return 0;
}
