// @brief Whole-directory validation: duplicate ids, unresolved references, label clashes,
// cycles, roots and heads, then the topological order the table is emitted in.
#include "validator.hpp"

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <unordered_map>

#include "checksum.hpp"
#include "graph/revision_graph.hpp"
#include "suggest.hpp"

namespace migrations::generator {
namespace {

using graph::Index;
using graph::RevisionGraph;

std::string where(const RevisionFile& file, std::uint32_t line) { return file.path + ":" + std::to_string(line); }

class Validator {
public:
    Validator(std::vector<RevisionFile>& files, const ValidationOptions& options, Diagnostics& diagnostics)
        : files_(files), options_(options), diagnostics_(diagnostics) {}

    std::optional<RevisionSet> run();

private:
    void index_ids();
    void check_labels();
    void resolve(Index file, const std::vector<NamedRef>& refs, std::string_view key, bool parent,
                 RevisionGraph& graph);
    bool check_shape(const RevisionGraph& graph);
    RevisionSet assemble(const RevisionGraph& graph);
    std::string_view suggest(std::string_view id);

    std::vector<RevisionFile>& files_;
    const ValidationOptions& options_;
    Diagnostics& diagnostics_;
    std::unordered_map<std::string_view, Index> by_id_;
    std::vector<bool> duplicate_;
    bool incomplete_ = false;            // some file has no usable id
    std::vector<std::string_view> ids_;  // built on the first unknown reference
    std::string suggestion_;
};

std::optional<RevisionSet> Validator::run() {
    const std::size_t errors_before = diagnostics_.size();
    duplicate_.assign(files_.size(), false);
    incomplete_ = std::any_of(files_.begin(), files_.end(), [](const RevisionFile& f) { return f.id.empty(); });
    index_ids();
    check_labels();
    RevisionGraph graph(files_.size());
    for (Index i = 0; i < files_.size(); ++i) {
        if (files_[i].id.empty() || duplicate_[i]) continue;
        resolve(i, files_[i].parents, "down_revision", true, graph);
        resolve(i, files_[i].depends_on, "depends_on", false, graph);
    }
    bool sound = diagnostics_.size() == errors_before;
    for (const RevisionFile& file : files_) sound = sound && file.well_formed;
    if (!sound || !check_shape(graph)) return std::nullopt;
    return assemble(graph);
}

void Validator::index_ids() {
    by_id_.reserve(files_.size());
    for (Index i = 0; i < files_.size(); ++i) {
        const RevisionFile& file = files_[i];
        if (file.id.empty()) continue;
        const auto [it, inserted] = by_id_.emplace(file.id, i);
        if (inserted) continue;
        duplicate_[i] = true;
        const RevisionFile& first = files_[it->second];
        diagnostics_.error(file.path, file.id_line, message::duplicate_id(file.id, first.path, first.id_line));
    }
}

void Validator::check_labels() {
    std::unordered_map<std::string_view, std::pair<Index, std::uint32_t>> labels;
    for (Index i = 0; i < files_.size(); ++i) {
        for (const NamedRef& label : files_[i].branch_labels) {
            const auto id = by_id_.find(label.name);
            if (id != by_id_.end()) {
                const RevisionFile& owner = files_[id->second];
                diagnostics_.error(files_[i].path, label.line,
                                   message::label_clashes_with_id(label.name, owner.path, owner.id_line));
                continue;
            }
            const auto [it, inserted] = labels.emplace(label.name, std::pair{i, label.line});
            if (!inserted) {
                const RevisionFile& first = files_[it->second.first];
                diagnostics_.error(files_[i].path, label.line,
                                   message::label_already_used(label.name, first.path, it->second.second));
            }
        }
    }
}

std::string_view Validator::suggest(std::string_view id) {
    if (ids_.empty()) {
        ids_.reserve(by_id_.size());
        for (const auto& entry : by_id_) ids_.push_back(entry.first);
    }
    suggestion_ = closest(id, ids_);
    return suggestion_;
}

void Validator::resolve(Index file, const std::vector<NamedRef>& refs, std::string_view key, bool parent,
                        RevisionGraph& graph) {
    const RevisionFile& revision = files_[file];
    for (const NamedRef& ref : refs) {
        if (ref.name == revision.id) {
            diagnostics_.error(revision.path, ref.line,
                               parent ? message::own_parent(ref.name) : message::own_dependency(ref.name));
            continue;
        }
        const auto it = by_id_.find(ref.name);
        if (it == by_id_.end()) {
            // When a file's id could not be read, the reference may well be to it: its own
            // error says what to fix, and an "unknown revision" here would mislead.
            if (!incomplete_) {
                diagnostics_.error(revision.path, ref.line,
                                   message::unknown_reference(ref.name, key, suggest(ref.name)));
            }
            continue;
        }
        if (parent) {
            graph.add_parent(file, it->second);
        } else {
            graph.add_dependency(file, it->second);
        }
    }
}

bool Validator::check_shape(const RevisionGraph& graph) {
    const graph::IndexList cycle = graph.find_cycle();
    if (!cycle.empty()) {
        // Start the listing at the first file by name, so the message does not depend on
        // where the search happened to enter the cycle.
        const auto first = std::min_element(cycle.begin(), cycle.end());
        std::vector<std::string> members;
        for (std::size_t k = 0; k <= cycle.size(); ++k) {
            const std::size_t at = (static_cast<std::size_t>(first - cycle.begin()) + k) % cycle.size();
            members.push_back(files_[cycle[at]].id);
        }
        const RevisionFile& file = files_[*first];
        diagnostics_.error(file.path, file.parents_line, message::cycle(members));
        return false;
    }
    bool ok = true;
    const graph::IndexList roots = graph.bases();
    if (roots.size() > 1) {
        std::vector<std::string> listed;
        for (Index root : roots)
            listed.push_back("'" + files_[root].id + "' (" + where(files_[root], files_[root].parents_line) + ")");
        const RevisionFile& file = files_[roots.front()];
        diagnostics_.error(file.path, file.parents_line, message::multiple_roots(listed));
        ok = false;
    }
    const graph::IndexList heads = graph.heads();
    if (heads.size() > 1 && !options_.allow_multiple_heads) {
        std::vector<std::string> listed;
        for (Index head : heads)
            listed.push_back("'" + files_[head].id + "' (" + where(files_[head], files_[head].id_line) + ")");
        const RevisionFile& file = files_[heads.front()];
        diagnostics_.error(file.path, file.id_line,
                           message::multiple_heads(listed, std::filesystem::path(file.path).parent_path().string()));
        ok = false;
    }
    return ok;
}

RevisionSet Validator::assemble(const RevisionGraph& graph) {
    const std::size_t n = files_.size();
    std::vector<Index> sorted_by_id(n);
    std::iota(sorted_by_id.begin(), sorted_by_id.end(), Index{0});
    std::sort(sorted_by_id.begin(), sorted_by_id.end(), [&](Index a, Index b) { return files_[a].id < files_[b].id; });
    std::vector<Index> rank(n);
    for (Index k = 0; k < n; ++k) rank[sorted_by_id[k]] = k;
    const graph::IndexList order = *graph.topological_order(rank);  // acyclic: checked above
    std::vector<Index> position(n);
    for (Index k = 0; k < n; ++k) position[order[k]] = k;

    RevisionSet set;
    set.dialects = options_.dialects;
    set.parents.resize(n);
    set.depends_on.resize(n);
    set.checksums.resize(n);
    for (Index k = 0; k < n; ++k) {
        const Index old = order[k];
        for (Index p : graph.parents(old)) set.parents[k].push_back(position[p]);
        for (Index d : graph.dependencies(old)) set.depends_on[k].push_back(position[d]);
        for (std::size_t d = 0; d < kDialectCount; ++d) {
            if ((options_.dialects >> d) & 1U) {
                set.checksums[k][d] = revision_checksum(files_[old], static_cast<Dialect>(d));
            }
        }
        if (graph.children(old).empty()) set.heads.push_back(k);
    }
    // Put the files in topological order in place (following the permutation's cycles), and
    // hand the vector over: no second copy of 10,000 revisions.
    std::vector<bool> placed(n, false);
    for (Index start = 0; start < n; ++start) {
        if (placed[start]) continue;
        // Slot k must receive files_[order[k]]; walk the cycle starting at `start`.
        Index k = start;
        RevisionFile carried = std::move(files_[start]);
        while (true) {
            placed[k] = true;
            const Index from = order[k];
            if (from == start) {
                files_[k] = std::move(carried);
                break;
            }
            files_[k] = std::move(files_[from]);
            k = from;
        }
    }
    set.revisions = std::move(files_);
    std::sort(set.heads.begin(), set.heads.end());
    set.by_id.reserve(n);
    for (Index old : sorted_by_id) set.by_id.push_back(position[old]);
    return set;
}

}  // namespace

std::optional<RevisionSet> validate(std::vector<RevisionFile> files, const ValidationOptions& options,
                                    Diagnostics& diagnostics) {
    return Validator(files, options, diagnostics).run();
}

}  // namespace migrations::generator
