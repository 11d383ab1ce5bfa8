// @brief Human-readable output of the command line: results, current, history, show.
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/results.hpp>

#include <string>
#include <vector>

namespace migrations::cli {

/// "3.1 ms" (one decimal below 100 ms, none above).
std::string milliseconds(double value);

/// "<url>: upgraded 2 revisions to 4c1d2e7f9a0b in 3.1 ms", or "<url>: already at c" when
/// nothing ran. `verb` is "upgraded"/"downgraded".
std::string describe_result(const std::string& url, const char* verb, const char* what, const MigrationResult& result);

/// One line per current revision: "c (head)  add users  applied 2026-11-23T09:15:02.120Z";
/// "base (nothing applied)" when none.
std::string format_current(const Catalog& catalog, const std::vector<std::string>& current,
                           const std::vector<RevisionStatus>& history, bool verbose);

/// One line per revision, newest first: "b -> c (head) (current), add users  [applied ...]".
std::string format_history(const std::vector<RevisionStatus>& history, bool verbose);

/// The details of the revision `target` names (throws Error(bad_target) as the planner).
std::string format_show(const Catalog& catalog, const std::string& target);

}  // namespace migrations::cli
