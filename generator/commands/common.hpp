// @brief Options and output shared by the verbs: --dialects, --allow-multiple-heads, and
// printing diagnostics.
#pragma once

#include <optional>
#include <string>

#include "commands/command.hpp"
#include "diagnostics.hpp"
#include "validator.hpp"

namespace migrations::generator {

/// The validation options every verb that reads a directory accepts.
struct ValidationFlags {
    std::string dialects = "sqlite,postgresql";
    bool allow_multiple_heads = false;

    /// Adds --dialects and --allow-multiple-heads to `command`.
    void add_to(CLI::App& command);
    /// The options, or nothing after printing a usage error to `err`.
    std::optional<ValidationOptions> parse(std::ostream& err, std::string_view verb) const;
};

/// "sqlite,postgresql" as a Dialect bit mask; nothing for an unknown or empty list.
std::optional<std::uint32_t> parse_dialects(std::string_view list, std::string& error);

/// Prints `migrations <verb>: error: <message>` to `err` and returns kExitUsage.
int usage_error(std::ostream& err, std::string_view verb, std::string_view message);

/// Prints every diagnostic, sorted, one per line, to `err`.
void print_diagnostics(std::ostream& err, const Diagnostics& diagnostics);

}  // namespace migrations::generator
