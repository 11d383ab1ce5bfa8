// @brief Implementation of the shared revision-graph algorithms.
#include "graph/revision_graph.hpp"

#include <migrations/catalog.hpp>

#include <algorithm>
#include <queue>

namespace migrations::graph {

RevisionGraph::RevisionGraph(std::size_t size)
    : parents_(size), dependencies_(size), children_(size), dependents_(size) {}

RevisionGraph::RevisionGraph(const Catalog& catalog) : RevisionGraph(catalog.size()) {
    for (Index i = 0; i < catalog.size(); ++i) {
        const RevisionSpec revision = catalog[i];  // decoded once
        for (Index parent : revision.parents) add_parent(i, parent);
        for (Index dependency : revision.depends_on) add_dependency(i, dependency);
    }
}

void RevisionGraph::add_parent(Index child, Index parent) {
    parents_[child].push_back(parent);
    children_[parent].push_back(child);
}

void RevisionGraph::add_dependency(Index child, Index dependency) {
    dependencies_[child].push_back(dependency);
    dependents_[dependency].push_back(child);
}

IndexList RevisionGraph::heads() const {
    IndexList result;
    for (Index i = 0; i < size(); ++i) {
        if (children_[i].empty()) result.push_back(i);
    }
    return result;
}

IndexList RevisionGraph::bases() const {
    IndexList result;
    for (Index i = 0; i < size(); ++i) {
        if (parents_[i].empty()) result.push_back(i);
    }
    return result;
}

std::optional<IndexList> RevisionGraph::topological_order(const std::vector<Index>& tie_break) const {
    // Kahn's algorithm over edges parent -> child and dependency -> dependent; a min-heap on
    // the tie-break rank makes the order deterministic.
    const auto rank = [&](Index node) { return tie_break.empty() ? node : tie_break[node]; };
    const auto later = [&](Index a, Index b) { return rank(a) > rank(b); };
    std::priority_queue<Index, std::vector<Index>, decltype(later)> ready(later);
    std::vector<std::size_t> waiting(size());
    for (Index i = 0; i < size(); ++i) {
        waiting[i] = parents_[i].size() + dependencies_[i].size();
        if (waiting[i] == 0) ready.push(i);
    }
    IndexList order;
    order.reserve(size());
    while (!ready.empty()) {
        const Index node = ready.top();
        ready.pop();
        order.push_back(node);
        for (const IndexList* next : {&children_[node], &dependents_[node]}) {
            for (Index child : *next) {
                if (--waiting[child] == 0) ready.push(child);
            }
        }
    }
    if (order.size() != size()) return std::nullopt;
    return order;
}

IndexList RevisionGraph::find_cycle() const {
    // Iterative depth-first search; a back edge to a node on the stack closes a cycle.
    enum class Mark : std::uint8_t { unvisited, on_stack, done };
    std::vector<Mark> mark(size(), Mark::unvisited);
    struct Frame {
        Index node;
        std::size_t next_edge;
    };
    const auto edge_count = [&](Index node) { return parents_[node].size() + dependencies_[node].size(); };
    const auto edge = [&](Index node, std::size_t k) {
        return k < parents_[node].size() ? parents_[node][k] : dependencies_[node][k - parents_[node].size()];
    };
    for (Index start = 0; start < size(); ++start) {
        if (mark[start] != Mark::unvisited) continue;
        std::vector<Frame> stack{{start, 0}};
        mark[start] = Mark::on_stack;
        while (!stack.empty()) {
            Frame& frame = stack.back();
            if (frame.next_edge == edge_count(frame.node)) {
                mark[frame.node] = Mark::done;
                stack.pop_back();
                continue;
            }
            const Index target = edge(frame.node, frame.next_edge++);
            if (mark[target] == Mark::on_stack) {
                IndexList cycle;
                auto it = std::find_if(stack.begin(), stack.end(), [&](const Frame& f) { return f.node == target; });
                for (; it != stack.end(); ++it) cycle.push_back(it->node);
                return cycle;
            }
            if (mark[target] == Mark::unvisited) {
                mark[target] = Mark::on_stack;
                stack.push_back({target, 0});
            }
        }
    }
    return {};
}

namespace {

template <typename Next>
std::vector<bool> reach(std::size_t size, const IndexList& from, Next next) {
    std::vector<bool> seen(size, false);
    IndexList todo;
    for (Index node : from) {
        if (!seen[node]) {
            seen[node] = true;
            todo.push_back(node);
        }
    }
    while (!todo.empty()) {
        const Index node = todo.back();
        todo.pop_back();
        next(node, [&](Index other) {
            if (!seen[other]) {
                seen[other] = true;
                todo.push_back(other);
            }
        });
    }
    return seen;
}

}  // namespace

std::vector<bool> RevisionGraph::ancestors(const IndexList& from) const {
    return reach(size(), from, [&](Index node, auto visit) {
        for (Index p : parents_[node]) visit(p);
        for (Index d : dependencies_[node]) visit(d);
    });
}

std::vector<bool> RevisionGraph::descendants(const IndexList& from) const {
    return reach(size(), from, [&](Index node, auto visit) {
        for (Index c : children_[node]) visit(c);
        for (Index d : dependents_[node]) visit(d);
    });
}

}  // namespace migrations::graph
