// @brief Formatting of the command lines' output for people: one place for revision text.
#include "cli/format.hpp"

#include <algorithm>
#include <cstdio>

#include "planner.hpp"

namespace migrations::cli {

std::string shell_word(std::string_view text) {
    const auto plain = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("_-./:@%+=,").find(c) != std::string_view::npos;
    };
    if (!text.empty() && std::all_of(text.begin(), text.end(), plain)) return std::string(text);
    std::string word = "'";
    for (const char c : text) word += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return word + "'";
}

std::string verified(std::size_t count, const char* database) {
    return std::to_string(count) + (count == 1 ? " revision" : " revisions") + " verified on " + database +
           ": upgrade, downgrade and upgrade again each restore the schema";
}

std::string milliseconds(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, value < 100 ? "%.1f ms" : "%.0f ms", value);
    return buffer;
}

std::string describe_result(const std::string& url, const char* verb, const char* what, const MigrationResult& result) {
    if (result.revisions.empty()) return url + ": already at " + result.to_string() + ", nothing " + what;
    const std::size_t n = result.revisions.size();
    return url + ": " + verb + " " + std::to_string(n) + (n == 1 ? " revision" : " revisions") + " to " +
           result.to_string() + " in " + milliseconds(result.elapsed.count());
}

namespace {

std::string state_of(const RevisionStatus& status) {
    if (!status.applied) return "not applied";
    if (status.row.state != "applied") return status.row.state + " since " + status.row.applied_at;
    return "applied " + status.row.applied_at;
}

// " (head)", " (branchpoint)", " (mergepoint)": where the revision stands in the graph.
std::string marks(const graph::RevisionGraph& graph, graph::Index index) {
    std::string text;
    if (graph.children(index).empty()) text += " (head)";
    if (graph.children(index).size() >= 2) text += " (branchpoint)";
    if (graph.parents(index).size() >= 2) text += " (mergepoint)";
    return text;
}

std::string labels(const RevisionSpec& revision) {
    std::string text;
    for (const char* label : revision.branch_labels) text += (text.empty() ? "" : ", ") + std::string(label);
    return text.empty() ? text : " (" + text + ")";
}

// The ids of `indices`, or `none` when there is none.
std::string ids_or(const Catalog& catalog, const graph::IndexList& indices, const char* none) {
    return indices.empty() ? std::string(none) : detail::join_ids(catalog, indices);
}

std::string line_of(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index, bool with_parents,
                    const RevisionStatus* status) {
    const RevisionSpec& revision = catalog[index];
    std::string text;
    if (with_parents) text += ids_or(catalog, graph.parents(index), "<base>") + " -> ";
    text += revision.id + labels(revision) + marks(graph, index);
    if (status != nullptr && status->is_current) text += " (current)";
    text += std::string(", ") + revision.message;
    if (status != nullptr) text += "  [" + state_of(*status) + "]";
    return text;
}

std::string block_of(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index,
                     const RevisionStatus* status) {
    const RevisionSpec& revision = catalog[index];
    std::string text = std::string("Rev: ") + revision.id + labels(revision) + marks(graph, index) +
                       (status != nullptr && status->is_current ? " (current)" : "") + "\n";
    const graph::IndexList& parents = graph.parents(index);
    text += parents.size() >= 2 ? "Merges: " + ids_or(catalog, parents, "") + "\n"
                                : "Parent: " + ids_or(catalog, parents, "<base>") + "\n";
    if (!graph.dependencies(index).empty())
        text += "Depends on: " + ids_or(catalog, graph.dependencies(index), "") + "\n";
    if (graph.children(index).size() >= 2)
        text += "Branches into: " + ids_or(catalog, graph.children(index), "") + "\n";
    text += std::string("Path: ") + revision.file + "\n";
    if (revision.created[0] != '\0') text += std::string("Created: ") + revision.created + "\n";
    if (status != nullptr) text += "State: " + state_of(*status) + "\n";
    return text + "\n    " + revision.message + "\n\n";
}

}  // namespace

std::string format_current(const Catalog& catalog, const std::vector<std::string>& current,
                           const std::vector<RevisionStatus>& history, bool verbose) {
    if (current.empty()) return "base (nothing applied)\n";
    std::string text;
    for (const auto& id : current) {
        const RevisionStatus* status = nullptr;
        for (const auto& entry : history) {
            if (entry.revision == id) status = &entry;
        }
        if (status == nullptr || catalog.find(id) < 0) {
            text += id + " (unknown to this binary: the database was migrated by a newer build)\n";
            continue;
        }
        text += id + (status->is_head ? " (head)" : "") + "  " + status->message + "  " + state_of(*status);
        if (verbose) text += "  " + status->file;
        text += "\n";
    }
    return text;
}

std::string revision_line(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index,
                          bool with_parents) {
    return line_of(catalog, graph, index, with_parents, nullptr);
}

std::string revision_block(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index) {
    return block_of(catalog, graph, index, nullptr);
}

std::vector<const RevisionStatus*> status_by_index(const Catalog& catalog,
                                                   const std::vector<RevisionStatus>* database) {
    std::vector<const RevisionStatus*> status_of(catalog.size(), nullptr);
    if (database == nullptr) return status_of;
    for (const RevisionStatus& status : *database) {
        const std::ptrdiff_t found = catalog.find(status.revision);
        if (found >= 0) status_of[static_cast<std::size_t>(found)] = &status;
    }
    return status_of;
}

std::string format_history(const Catalog& catalog, const std::vector<bool>& selected,
                           const std::vector<RevisionStatus>* database, bool verbose) {
    const graph::RevisionGraph graph(catalog);
    const std::vector<const RevisionStatus*> status_of = status_by_index(catalog, database);
    std::string text;
    for (std::size_t k = catalog.size(); k-- > 0;) {
        if (!selected.empty() && !selected[k]) continue;
        const auto index = static_cast<graph::Index>(k);
        text += verbose ? block_of(catalog, graph, index, status_of[k])
                        : line_of(catalog, graph, index, true, status_of[k]) + "\n";
    }
    return text;
}

std::string format_heads(const Catalog& catalog, bool verbose) {
    const graph::RevisionGraph graph(catalog);
    std::string text;
    for (graph::Index head : graph.heads()) {
        text += verbose ? revision_block(catalog, graph, head) : revision_line(catalog, graph, head, false) + "\n";
    }
    return text;
}

std::string format_show(const Catalog& catalog, const std::string& target) {
    const detail::Planner planner(catalog);
    const graph::RevisionGraph& graph = planner.graph();
    std::string text;
    for (graph::Index i : planner.resolve(target)) {
        const RevisionSpec& revision = catalog[i];
        text += std::string("Revision: ") + revision.id + marks(graph, i) + "\n";
        text += "Parent: " + ids_or(catalog, graph.parents(i), "<base>") + "\n";
        if (!graph.dependencies(i).empty()) text += "Depends on: " + ids_or(catalog, graph.dependencies(i), "") + "\n";
        if (!revision.branch_labels.empty()) {
            text += "Branch labels:";
            for (const char* label : revision.branch_labels) text += std::string(" ") + label;
            text += "\n";
        }
        text += std::string("File: ") + revision.file + "\n";
        if (revision.created[0] != '\0') text += std::string("Created: ") + revision.created + "\n";
        text += std::string("Transactional: ") + (revision.transactional ? "yes" : "no") + "\n";
        text += std::string("Reversible: ") + (revision.irreversible ? "no" : "yes") + "\n";
        text += std::string("Message: ") + revision.message + "\n";
        text += "Children: " + ids_or(catalog, graph.children(i), "none") + "\n";
    }
    return text;
}

}  // namespace migrations::cli
