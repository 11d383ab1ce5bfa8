// @brief Finding the step macros of a C++ revision (MIGRATIONS_UPGRADE, MIGRATIONS_DOWNGRADE,
// MIGRATIONS_IRREVERSIBLE) in its source, outside comments and string literals, so that the
// build can say which one is missing, at the file, before the compiler or the linker would.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace migrations::generator {

/// One use of a step macro.
struct CppStepMacro {
    /// "MIGRATIONS_UPGRADE", "MIGRATIONS_DOWNGRADE" or "MIGRATIONS_IRREVERSIBLE".
    std::string_view name;
    /// 1-based line in the file.
    std::uint32_t line;
};

/// The step macros of `source` (a C++ revision's text after its header, which starts on
/// `first_line`), in text order. Skips `//` and `/* */` comments, string and character
/// literals (raw strings included) and preprocessor lines: a macro named there does not count.
std::vector<CppStepMacro> find_step_macros(std::string_view source, std::uint32_t first_line);

}  // namespace migrations::generator
