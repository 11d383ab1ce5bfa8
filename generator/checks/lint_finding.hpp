// @brief One statement a rule of the safety lint fired on (checks/lint.hpp), as the parser
// keeps it with the revision (revision_file.hpp).
#pragma once

#include <cstdint>
#include <string>

namespace migrations::generator {

struct LintFinding {
    /// 1-based line of the statement in the revision file.
    std::uint32_t line;
    /// The rule's id, e.g. "create-index-without-concurrently".
    std::string rule;
    /// `[rule-id] what: reason; alternative`, the text after `warning: `.
    std::string message;
};

}  // namespace migrations::generator
