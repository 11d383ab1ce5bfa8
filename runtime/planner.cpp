// @brief Target resolution and upgrade/downgrade/stamp planning over a catalog (Alembic semantics).
#include "planner.hpp"

#include <migrations/error.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace migrations::detail {

using graph::Index;
using graph::IndexList;

namespace {

[[noreturn]] void bad_target(const std::string& message) { throw Error(ErrorKind::bad_target, message); }

bool is_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Relative {
    std::string_view symbol;  // "" when relative to the current revisions
    long steps;               // signed
};

// "<symbol>+N", "<symbol>-N", "+N", "-N"; nothing for absolute targets. Ids and labels never
// contain '+' or '-', so the last sign splits the target.
bool parse_relative(std::string_view target, Relative& out) {
    const auto sign = target.find_last_of("+-");
    if (sign == std::string_view::npos || !is_digits(target.substr(sign + 1))) return false;
    const std::string digits(target.substr(sign + 1));
    if (digits.size() > 9) bad_target("relative target '" + std::string(target) + "' is out of range");
    const long count = std::stol(digits);
    out.symbol = target.substr(0, sign);
    out.steps = target[sign] == '-' ? -count : count;
    return true;
}

}  // namespace

Section section_of(const Catalog& catalog, const Step& step, Dialect dialect) {
    const RevisionSpec& revision = catalog[step.revision];
    const bool up = step.direction == Direction::upgrade;
    const std::optional<Section> section =
        up ? Catalog::upgrade_section(revision, dialect) : Catalog::downgrade_section(revision, dialect);
    if (!section) {
        throw Error(ErrorKind::bad_catalog,
                    std::string("revision ") + revision.id + " (" + revision.file + ") has no " +
                        (up ? "upgrade" : "downgrade") + " section for " + dialect_name(dialect),
                    revision.id, revision.file);
    }
    return *section;
}

std::string join_ids(const Catalog& catalog, const IndexList& indices) {
    if (indices.empty()) return "base";
    std::string text;
    for (Index i : indices) {
        if (!text.empty()) text += ", ";
        text += catalog[i].id;
    }
    return text;
}

Planner::Planner(const Catalog& catalog) : catalog_(catalog), graph_(catalog) {}

IndexList Planner::resolve(std::string_view target) const {
    const std::string quoted = "'" + std::string(target) + "'";
    if (target.empty()) bad_target("empty target: give 'head', 'heads', 'base', a revision id or a branch label");
    if (target == "base") return {};
    if (target == "heads") return graph_.heads();
    if (target == "head") {
        IndexList heads = graph_.heads();
        if (heads.size() > 1) {
            bad_target("target 'head' is ambiguous: the catalog has " + std::to_string(heads.size()) + " heads (" +
                       join_ids(catalog_, heads) + "); use 'heads', a revision id or '<branch>@head'");
        }
        return heads;
    }
    const auto at = target.rfind('@');
    if (at != std::string_view::npos) {
        if (target.substr(at + 1) != "head") {
            bad_target("unknown target " + quoted + ": after '@' only 'head' is supported");
        }
        const IndexList base = resolve(target.substr(0, at));
        if (base.size() != 1) bad_target("target " + quoted + " needs one revision or branch label before '@'");
        // The branch: descendants through parents only (a dependent is another branch).
        std::vector<bool> above(catalog_.size(), false);
        above[base.front()] = true;
        for (Index i = base.front(); i < catalog_.size(); ++i) {
            for (Index p : graph_.parents(i)) above[i] = above[i] || above[p];
        }
        IndexList heads;
        for (Index h : graph_.heads()) {
            if (above[h]) heads.push_back(h);
        }
        if (heads.size() != 1) {
            bad_target("target " + quoted + " is ambiguous: the branch has " + std::to_string(heads.size()) +
                       " heads (" + join_ids(catalog_, heads) + ")");
        }
        return heads;
    }
    const std::ptrdiff_t exact = catalog_.find(target);
    if (exact >= 0) return {static_cast<Index>(exact)};
    for (Index i = 0; i < catalog_.size(); ++i) {
        for (const char* label : catalog_[i].branch_labels) {
            if (target == label) return {i};
        }
    }
    // A unique prefix of an id: the ids sharing the prefix are contiguous in by_id.
    const Array<std::uint32_t> by_id = catalog_.by_id();
    std::size_t first = 0;
    for (std::size_t high = by_id.size; first < high;) {
        const std::size_t mid = first + (high - first) / 2;
        if (std::string_view(catalog_[by_id[mid]].id) < target) {
            first = mid + 1;
        } else {
            high = mid;
        }
    }
    IndexList matches;
    for (std::size_t k = first; k < by_id.size; ++k) {
        if (std::string_view(catalog_[by_id[k]].id).substr(0, target.size()) != target) break;
        matches.push_back(by_id[k]);
    }
    if (matches.size() == 1) return matches;
    if (matches.size() > 1) {
        std::sort(matches.begin(), matches.end());
        bad_target("target " + quoted + " is ambiguous: it is a prefix of " + join_ids(catalog_, matches));
    }
    bad_target("unknown target " + quoted + ": no revision id, id prefix or branch label matches it");
}

IndexList Planner::current(const AppliedSet& applied) const {
    IndexList heads;
    for (Index i = 0; i < catalog_.size(); ++i) {
        if (!applied[i]) continue;
        const auto applied_above = [&](const IndexList& list) {
            return std::any_of(list.begin(), list.end(), [&](Index j) { return applied[j]; });
        };
        if (!applied_above(graph_.children(i)) && !applied_above(graph_.dependents(i))) heads.push_back(i);
    }
    return heads;
}

IndexList Planner::walk(IndexList start, long steps, std::string_view target) const {
    const std::string quoted = "'" + std::string(target) + "'";
    const long count = steps < 0 ? -steps : steps;
    for (long step = 1; step <= count; ++step) {
        if (steps > 0) {
            const IndexList next = start.empty() ? graph_.bases() : graph_.children(start.front());
            if (next.empty()) {
                bad_target("relative target " + quoted + " goes past the head: only " + std::to_string(step - 1) +
                           " revision(s) above " + join_ids(catalog_, start));
            }
            if (next.size() > 1) {
                bad_target("relative target " + quoted + " is ambiguous: " + join_ids(catalog_, start) +
                           " is followed by " + join_ids(catalog_, next) + "; name the target revision instead");
            }
            start = next;
        } else {
            if (start.empty()) {
                bad_target("relative target " + quoted + " goes below base: only " + std::to_string(step - 1) +
                           " revision(s) to revert");
            }
            const IndexList& parents = graph_.parents(start.front());
            if (parents.size() > 1 && step < count) {
                bad_target("relative target " + quoted + " is ambiguous: it walks below the merge revision " +
                           join_ids(catalog_, start) + "; name the target revision instead");
            }
            start = parents;
        }
    }
    return start;
}

IndexList Planner::resolve_relative(const AppliedSet& applied, std::string_view target, bool upgrade) const {
    Relative relative{};
    if (!parse_relative(target, relative)) return resolve(target);
    const std::string quoted = "'" + std::string(target) + "'";
    IndexList start;
    if (relative.symbol.empty()) {
        if (upgrade && relative.steps < 0) bad_target("upgrade target " + quoted + " goes down: use downgrade");
        if (!upgrade && relative.steps > 0) bad_target("downgrade target " + quoted + " goes up: use upgrade");
        start = current(applied);
        if (start.size() > 1) {
            bad_target("relative target " + quoted + " is ambiguous: the database has several current revisions (" +
                       join_ids(catalog_, start) + "); use '<id>" + std::string(target) + "'");
        }
        if (!upgrade && start.empty()) bad_target("nothing to downgrade: the database is at base");
    } else {
        start = resolve(relative.symbol);
        if (start.size() != 1) bad_target("relative target " + quoted + " needs one revision before the sign");
    }
    return walk(start, relative.steps, target);
}

std::vector<Step> Planner::upgrade(const AppliedSet& applied, std::string_view target) const {
    const IndexList targets = resolve_relative(applied, target, true);
    const std::vector<bool> needed = graph_.ancestors(targets);
    std::vector<Step> steps;
    for (Index i = 0; i < catalog_.size(); ++i) {
        if (needed[i] && !applied[i]) steps.push_back({i, Direction::upgrade});
    }
    return steps;
}

std::vector<Step> Planner::downgrade(const AppliedSet& applied, std::string_view target) const {
    return downgrade_to(applied, resolve_relative(applied, target, false), target);
}

std::vector<Step> Planner::downgrade_to(const AppliedSet& applied, const IndexList& targets,
                                        std::string_view target) const {
    std::vector<bool> above(catalog_.size(), true);  // base: everything is above
    if (!targets.empty()) {
        above = graph_.descendants(targets);
        for (Index t : targets) above[t] = false;
    }
    std::vector<Step> steps;
    for (Index i = static_cast<Index>(catalog_.size()); i-- > 0;) {
        if (above[i] && applied[i]) steps.push_back({i, Direction::downgrade});
    }
    if (steps.empty()) {
        for (Index t : targets) {
            if (!applied[t]) {
                bad_target("downgrade target '" + std::string(target) + "' (" + join_ids(catalog_, targets) +
                           ") is not at or below the current revision(s) " + join_ids(catalog_, current(applied)));
            }
        }
    }
    for (const Step& step : steps) {
        const RevisionSpec& revision = catalog_[step.revision];
        if (revision.irreversible) {
            throw Error(ErrorKind::irreversible,
                        "cannot downgrade to '" + std::string(target) + "': revision " + revision.id + " (" +
                            revision.file + ") is irreversible",
                        revision.id, revision.file);
        }
    }
    return steps;
}

AppliedSet Planner::stamp(const AppliedSet& applied, std::string_view target) const {
    Relative relative{};
    const IndexList targets =
        parse_relative(target, relative) ? resolve_relative(applied, target, relative.steps > 0) : resolve(target);
    if (targets.empty()) return AppliedSet(catalog_.size(), false);
    AppliedSet result = applied;
    const std::vector<bool> above = graph_.descendants(targets);
    const std::vector<bool> below = graph_.ancestors(targets);
    for (Index i = 0; i < catalog_.size(); ++i) {
        if (above[i]) result[i] = false;
        if (below[i]) result[i] = true;
    }
    return result;
}

}  // namespace migrations::detail
