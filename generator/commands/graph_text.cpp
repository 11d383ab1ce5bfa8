// @brief Alembic's textual forms of a revision in the graph.
#include "commands/graph_text.hpp"

namespace migrations::generator {
namespace {

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

}  // namespace

std::string join_ids(const Catalog& catalog, const graph::IndexList& indices) {
    std::string text;
    for (graph::Index index : indices) text += (text.empty() ? "" : ", ") + std::string(catalog[index].id);
    return text;
}

std::string revision_line(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index,
                          bool with_parents) {
    const RevisionSpec& revision = catalog[index];
    std::string text;
    if (with_parents) {
        const std::string parents = join_ids(catalog, graph.parents(index));
        text += (parents.empty() ? "<base>" : parents) + " -> ";
    }
    return text + revision.id + labels(revision) + marks(graph, index) + ", " + revision.message;
}

std::string revision_block(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index) {
    const RevisionSpec& revision = catalog[index];
    std::string text = std::string("Rev: ") + revision.id + labels(revision) + marks(graph, index) + "\n";
    const graph::IndexList& parents = graph.parents(index);
    text += parents.size() >= 2
                ? "Merges: " + join_ids(catalog, parents) + "\n"
                : "Parent: " + (parents.empty() ? std::string("<base>") : join_ids(catalog, parents)) + "\n";
    if (!graph.dependencies(index).empty())
        text += "Depends on: " + join_ids(catalog, graph.dependencies(index)) + "\n";
    if (graph.children(index).size() >= 2) text += "Branches into: " + join_ids(catalog, graph.children(index)) + "\n";
    text += std::string("Path: ") + revision.file + "\n";
    if (revision.created[0] != '\0') text += std::string("Created: ") + revision.created + "\n";
    return text + "\n    " + revision.message + "\n\n";
}

}  // namespace migrations::generator
