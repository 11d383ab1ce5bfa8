// @brief Human-readable output of the command lines: results, current, and the one presenter
// of revision text (history lines and blocks, heads, show) that run_cli and the `migrations`
// tool both print with.
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/results.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "graph/revision_graph.hpp"

namespace migrations::cli {

/// `text` as one word of a POSIX shell's command line: unchanged when it holds only letters,
/// digits and `_-./:@%+=,`, else in single quotes (a quote inside as '\'').
std::string shell_word(std::string_view text);

/// The summary of a VERIFY replay (`migrations verify`, the `<NAME>_verify` test): "3 revisions
/// verified on SQLite: upgrade, downgrade and upgrade again each restore the schema".
std::string verified(std::size_t count, const char* database);

/// "3.1 ms" (one decimal below 100 ms, none above).
std::string milliseconds(double value);

/// "<url>: upgraded 2 revisions to 4c1d2e7f9a0b in 3.1 ms", or "<url>: already at c" when
/// nothing ran. `verb` is "upgraded"/"downgraded".
std::string describe_result(const std::string& url, const char* verb, const char* what, const MigrationResult& result);

/// One line per current revision: "c (head)  add users  applied 2026-11-23T09:15:02.120Z";
/// "base (nothing applied)" when none.
std::string format_current(const Catalog& catalog, const std::vector<std::string>& current,
                           const std::vector<RevisionStatus>& history, bool verbose);

/// One line, Alembic's form: "b, c -> d (main) (head) (mergepoint), merge heads";
/// "<base> -> a (branchpoint), first". Without `with_parents`, the part before the id is left
/// out. Branch labels follow the id in parentheses.
std::string revision_line(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index,
                          bool with_parents);

/// The verbose form, as `alembic history --verbose`: "Rev: d (main) (mergepoint)", then
/// "Parent:"/"Merges:", "Depends on:", "Branches into:" at a branch point, "Path:", "Created:"
/// and the message indented, and a blank line.
std::string revision_block(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index);

/// For each revision of `catalog` (by index), its row in `database` (history() of a database
/// over the same catalog), or nullptr when `database` is null or has no row for it.
std::vector<const RevisionStatus*> status_by_index(const Catalog& catalog, const std::vector<RevisionStatus>* database);

/// `history` of both command lines: the revisions `selected` marks (every one when
/// `selected` is empty), newest first, one revision_line each, or one revision_block each when
/// `verbose`. With `database` (history() of a database over the same catalog), each revision
/// the database has at its head is marked " (current)" and its state follows: the line ends
/// with "  [applied 2026-11-23T09:15:02.120Z]" ("[not applied]", "[pending since ...]"), the
/// block has a "State: ..." line.
std::string format_history(const Catalog& catalog, const std::vector<bool>& selected,
                           const std::vector<RevisionStatus>* database, bool verbose);

/// The heads of the catalog, oldest first: one revision_line (without parents) each, or one
/// revision_block each when `verbose`.
std::string format_heads(const Catalog& catalog, bool verbose);

/// The details of the revision `target` names (throws Error(bad_target) as the planner):
/// "Revision: d4 (mergepoint)", "Parent:", "Depends on:", "Branch labels:", "File:",
/// "Created:", "Transactional:", "Reversible:", "Message:", "Children:" (ids, or "none").
std::string format_show(const Catalog& catalog, const std::string& target);

}  // namespace migrations::cli
