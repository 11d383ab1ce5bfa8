// @brief The planner: pure logic from (catalog, applied set, target) to the ordered steps that
// upgrade, downgrade or stamp must take. No database; Alembic's target semantics.
#pragma once

#include "graph/revision_graph.hpp"

#include <migrations/catalog.hpp>
#include <migrations/options.hpp>

#include <string_view>
#include <vector>

namespace migrations::detail {

/// Catalog indices that are applied, as a mask of catalog.size().
using AppliedSet = std::vector<bool>;

/// Run revision `revision` in `direction`.
struct Step {
    graph::Index revision;
    Direction direction;

    bool operator==(const Step& other) const noexcept {
        return revision == other.revision && direction == other.direction;
    }
};

/// Plans over one catalog. Builds the revision graph once; each query is then linear in the
/// catalog's size. All queries throw Error(bad_target) for a target that does not resolve,
/// with a message naming the target (and candidates, for an ambiguous prefix).
class Planner {
public:
    explicit Planner(const Catalog& catalog);

    const Catalog& catalog() const noexcept { return catalog_; }
    const graph::RevisionGraph& graph() const noexcept { return graph_; }

    /// The revisions an absolute target names: "head" (the single head; an error when there
    /// are several), "heads", "base" (none), an id, a unique id prefix, a branch label,
    /// "<label or id>@head" (the single head above it). Relative targets are refused here.
    graph::IndexList resolve(std::string_view target) const;

    /// Heads of the applied set: applied revisions that no applied revision names as parent
    /// or dependency, in catalog order. Empty means base.
    graph::IndexList current(const AppliedSet& applied) const;

    /// Steps that bring `applied` up to `target` ("+N", "<id>+N" or an absolute target): the
    /// target's missing ancestors (parents and dependencies) and the target itself, in
    /// catalog (topological) order. Empty when already there (also for an ancestor of the
    /// current revisions, as Alembic).
    std::vector<Step> upgrade(const AppliedSet& applied, std::string_view target) const;

    /// Steps that bring `applied` down to `target` ("-N", "<id>-N", "base" or an absolute
    /// target): the applied revisions strictly above the target, children before parents.
    /// "-1" from a merge reverts the merge alone, leaving both parents current. Throws
    /// Error(bad_target) when the target is not at or below the current revisions, and
    /// Error(irreversible) when a step would revert an irreversible revision.
    std::vector<Step> downgrade(const AppliedSet& applied, std::string_view target) const;

    /// The applied set after `stamp target`: the target and its ancestors applied, its applied
    /// descendants removed, other branches unchanged; "base" empties it.
    AppliedSet stamp(const AppliedSet& applied, std::string_view target) const;

private:
    graph::IndexList walk(graph::IndexList start, long steps, std::string_view target) const;
    graph::IndexList resolve_relative(const AppliedSet& applied, std::string_view target, bool upgrade) const;
    std::vector<Step> downgrade_to(const AppliedSet& applied, const graph::IndexList& targets,
                                   std::string_view target) const;

    const Catalog& catalog_;
    graph::RevisionGraph graph_;
};

/// The ids of `indices`, joined by ", " ("base" when empty).
std::string join_ids(const Catalog& catalog, const graph::IndexList& indices);

/// The section `step` runs on `dialect` (its upgrade or downgrade). Throws Error(bad_catalog)
/// naming the revision and its file when the revision has none for the dialect.
Section section_of(const Catalog& catalog, const Step& step, Dialect dialect);

}  // namespace migrations::detail
