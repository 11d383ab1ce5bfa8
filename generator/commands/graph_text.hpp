// @brief Revisions as `alembic history`, `heads` and `branches` print them, over the runtime's
// revision graph (no second graph implementation in the tool).
#pragma once

#include <migrations/catalog.hpp>
#include <string>

#include "graph/revision_graph.hpp"

namespace migrations::generator {

/// One line, Alembic's form: "b, c -> d (head) (mergepoint), merge heads";
/// "<base> -> a (branchpoint), first". Without `with_parents`, the part before the id is left
/// out. Branch labels follow the id in parentheses.
std::string revision_line(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index,
                          bool with_parents);

/// The verbose form, as `alembic history --verbose`: "Rev: d (head) (mergepoint)", then
/// "Parent:"/"Merges:", "Branches into:" at a branch point, "Path:", "Created:" and the
/// message indented, and a blank line.
std::string revision_block(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index);

/// The ids of `indices`, joined by ", ".
std::string join_ids(const Catalog& catalog, const graph::IndexList& indices);

}  // namespace migrations::generator
