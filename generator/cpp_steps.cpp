// @brief A small C++ tokenizer, enough to find identifiers outside comments and literals.
#include "cpp_steps.hpp"

#include <array>
#include <string>

namespace migrations::generator {
namespace {

constexpr std::array<std::string_view, 3> kMacros = {"MIGRATIONS_UPGRADE", "MIGRATIONS_DOWNGRADE",
                                                     "MIGRATIONS_IRREVERSIBLE"};

bool is_identifier_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

}  // namespace

std::vector<CppStepMacro> find_step_macros(std::string_view source, std::uint32_t first_line) {
    std::vector<CppStepMacro> found;
    std::uint32_t line = first_line;
    bool line_start = true;  // only white space since the last newline
    std::size_t i = 0;
    const auto skip_to = [&](std::size_t end) {
        for (; i < end && i < source.size(); ++i) line += source[i] == '\n' ? 1U : 0U;
    };
    while (i < source.size()) {
        const char c = source[i];
        if (c == '\n') {
            ++line;
            ++i;
            line_start = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            ++i;
            continue;
        }
        const bool at_line_start = line_start;
        line_start = false;
        if (c == '#' && at_line_start) {  // a preprocessor line, with its continuations
            while (i < source.size() && source[i] != '\n') {
                if (source[i] == '\\' && i + 1 < source.size() && source[i + 1] == '\n') {
                    ++line;
                    ++i;
                }
                ++i;
            }
        } else if (source.substr(i, 2) == "//") {
            while (i < source.size() && source[i] != '\n') ++i;
        } else if (source.substr(i, 2) == "/*") {
            const std::size_t close = source.find("*/", i + 2);
            skip_to(close == std::string_view::npos ? source.size() : close + 2);
        } else if (c == '"' || c == '\'') {
            ++i;
            while (i < source.size() && source[i] != c && source[i] != '\n') i += source[i] == '\\' ? 2 : 1;
            ++i;
        } else if (is_identifier_char(c)) {
            const std::size_t start = i;
            while (i < source.size() && is_identifier_char(source[i])) ++i;
            const std::string_view word = source.substr(start, i - start);
            const bool raw_prefix = word == "R" || word == "u8R" || word == "uR" || word == "UR" || word == "LR";
            if (raw_prefix && i < source.size() && source[i] == '"') {  // R"delim( ... )delim"
                const std::size_t open = source.find('(', i + 1);
                if (open == std::string_view::npos) break;
                const std::string closing = ")" + std::string(source.substr(i + 1, open - i - 1)) + "\"";
                const std::size_t close = source.find(closing, open);
                skip_to(close == std::string_view::npos ? source.size() : close + closing.size());
                continue;
            }
            for (std::string_view macro : kMacros) {
                if (word == macro) found.push_back({macro, line});
            }
        } else {
            ++i;
        }
    }
    return found;
}

}  // namespace migrations::generator
