// @brief The lint's findings of a revision set, filtered by LINT_SINCE and printed.
#include "lint_report.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include "commands/common.hpp"
#include "diagnostics.hpp"

namespace migrations::generator {

void LintFlags::add_to(CLI::App& command, std::string_view level_name, std::string_view since_name) {
    command.add_option(std::string(level_name), level, "What the safety lint's findings are: off, warn or error")
        ->capture_default_str();
    command.add_option(std::string(since_name), since, "Revision id: the revisions older than it are not linted");
}

std::optional<LintOptions> LintFlags::parse(std::ostream& err, std::string_view verb) const {
    LintOptions options;
    options.since = since;
    if (level == "off") {
        options.level = LintLevel::off;
    } else if (level == "warn") {
        options.level = LintLevel::warn;
    } else if (level == "error") {
        options.level = LintLevel::error;
    } else {
        usage_error(err, verb, "unknown lint level '" + level + "' (expected off, warn or error)");
        return std::nullopt;
    }
    return options;
}

std::optional<std::size_t> report_lint(const RevisionSet& set, const LintOptions& options, std::ostream& err,
                                       std::string_view verb) {
    if (options.level == LintLevel::off) return 0;
    std::vector<bool> exempt(set.revisions.size(), false);
    if (!options.since.empty()) {
        const auto since = std::find_if(set.revisions.begin(), set.revisions.end(),
                                        [&](const RevisionFile& file) { return file.id == options.since; });
        if (since == set.revisions.end()) {
            usage_error(err, verb,
                        "the lint's since revision '" + options.since + "' is not a revision of the directory");
            return std::nullopt;
        }
        // Its ancestors, through parents and dependencies (topological order: parents first).
        std::vector<std::uint32_t> pending = {static_cast<std::uint32_t>(since - set.revisions.begin())};
        while (!pending.empty()) {
            const std::uint32_t at = pending.back();
            pending.pop_back();
            for (const auto* edges : {&set.parents[at], &set.depends_on[at]}) {
                for (const std::uint32_t older : *edges) {
                    if (!exempt[older]) pending.push_back(older);
                    exempt[older] = true;
                }
            }
        }
    }
    std::vector<std::tuple<std::string, std::uint32_t, std::string>> lines;
    for (std::size_t i = 0; i < set.revisions.size(); ++i) {
        if (exempt[i]) continue;
        for (const LintFinding& finding : set.revisions[i].lint)
            lines.emplace_back(set.revisions[i].path, finding.line, finding.message);
    }
    std::sort(lines.begin(), lines.end());
    const char* severity = options.level == LintLevel::error ? ": error: " : ": warning: ";
    std::string text;
    for (const auto& [path, line, message] : lines) {
        text += escape_control(path) + ":" + std::to_string(line) + severity + escape_control(message) + "\n";
    }
    err << text;
    return lines.size();
}

}  // namespace migrations::generator
