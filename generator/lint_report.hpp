// @brief Reporting the safety lint's findings (RevisionFile::lint) of a validated revision
// set, as `generate` (add_migrations' LINT and LINT_SINCE) and `migrations lint` do.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "revision_set.hpp"

namespace migrations::generator {

/// What to do with the lint's findings.
enum class LintLevel { off, warn, error };

struct LintOptions {
    LintLevel level = LintLevel::warn;
    /// A revision id: the revisions older than it (its ancestors) are exempt; "" for none.
    std::string since;
};

/// The --lint and --lint-since options of a verb, filling `level` and `since`.
struct LintFlags {
    std::string level = "warn";
    std::string since;
    void add_to(CLI::App& command, std::string_view level_name, std::string_view since_name);
    /// The options, or nothing after printing a usage error to `err` (an unknown level).
    std::optional<LintOptions> parse(std::ostream& err, std::string_view verb) const;
};

/// Prints the findings of `set` to `err`, sorted by file and line, as `file:line: warning:
/// [rule-id] ...` (LintLevel::warn) or `file:line: error: [rule-id] ...` (LintLevel::error);
/// nothing for LintLevel::off. Returns how many were printed, or nothing after printing
/// `migrations <verb>: error: ...` when `options.since` names no revision of `set`.
std::optional<std::size_t> report_lint(const RevisionSet& set, const LintOptions& options, std::ostream& err,
                                       std::string_view verb);

}  // namespace migrations::generator
