// @brief The revision-graph algorithms shared by the generator and the runtime: heads, bases,
// topological order, cycles, ancestors and descendants, over revisions numbered 0..n-1.
//
// The graph knows nothing of files or databases; both the generator (which validates parsed
// revision files) and the runtime (which plans over a compiled Catalog) build one and ask it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace migrations {
class Catalog;
}

namespace migrations::graph {

using Index = std::uint32_t;
using IndexList = std::vector<Index>;

/// A revision graph: for each revision, its parents (`down_revision`) and its dependencies
/// (`depends_on`). Edges always point from a child to an earlier revision.
class RevisionGraph {
public:
    /// An empty graph of `size` revisions; edges are added with add_parent/add_dependency.
    explicit RevisionGraph(std::size_t size);

    /// The graph of a compiled catalog.
    explicit RevisionGraph(const Catalog& catalog);

    void add_parent(Index child, Index parent);
    void add_dependency(Index child, Index dependency);

    std::size_t size() const noexcept { return parents_.size(); }
    const IndexList& parents(Index node) const { return parents_[node]; }
    const IndexList& dependencies(Index node) const { return dependencies_[node]; }
    /// Revisions whose `down_revision` names `node`.
    const IndexList& children(Index node) const { return children_[node]; }
    /// Revisions whose `depends_on` names `node`.
    const IndexList& dependents(Index node) const { return dependents_[node]; }

    /// Revisions no other revision names as a parent, in index order (Alembic's heads:
    /// a dependency does not stop a revision from being a head).
    IndexList heads() const;
    /// Revisions without parents, in index order.
    IndexList bases() const;

    /// Every revision once, parents and dependencies before children; ties broken by the
    /// order `tie_break` gives (lower first), or by index when it is empty. Returns nothing
    /// when the graph has a cycle.
    std::optional<IndexList> topological_order(const std::vector<Index>& tie_break = {}) const;

    /// The members of one cycle, in edge order (each names the next as parent or dependency),
    /// or an empty list when the graph is acyclic.
    IndexList find_cycle() const;

    /// `from` and everything reachable from it through parents and dependencies, as a mask.
    std::vector<bool> ancestors(const IndexList& from) const;
    /// `from` and everything that reaches it through parents and dependencies, as a mask.
    std::vector<bool> descendants(const IndexList& from) const;

private:
    std::vector<IndexList> parents_;
    std::vector<IndexList> dependencies_;
    std::vector<IndexList> children_;
    std::vector<IndexList> dependents_;
};

}  // namespace migrations::graph
