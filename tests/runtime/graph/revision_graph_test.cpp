// @brief Tests of the shared revision-graph algorithms.
#include "graph/revision_graph.hpp"

#include <gtest/gtest.h>

namespace migrations::graph {
namespace {

// 0 <- 1 <- 2, 1 <- 3, merge 4 of 2 and 3; 5 depends on 0 with parent 4.
RevisionGraph diamond() {
    RevisionGraph graph(6);
    graph.add_parent(1, 0);
    graph.add_parent(2, 1);
    graph.add_parent(3, 1);
    graph.add_parent(4, 2);
    graph.add_parent(4, 3);
    graph.add_parent(5, 4);
    graph.add_dependency(5, 0);
    return graph;
}

TEST(RevisionGraph, FindsHeadsAndBases) {
    const RevisionGraph graph = diamond();
    EXPECT_EQ(graph.heads(), (IndexList{5}));
    EXPECT_EQ(graph.bases(), (IndexList{0}));
}

TEST(RevisionGraph, DoesNotCountADependencyAsAChild) {
    RevisionGraph graph(2);
    graph.add_dependency(1, 0);
    EXPECT_EQ(graph.heads(), (IndexList{0, 1}));
}

TEST(RevisionGraph, OrdersParentsBeforeChildrenWithTheTieBreak) {
    const RevisionGraph graph = diamond();
    EXPECT_EQ(graph.topological_order(), (IndexList{0, 1, 2, 3, 4, 5}));
    // Rank 3 before 2.
    EXPECT_EQ(graph.topological_order({0, 1, 3, 2, 4, 5}), (IndexList{0, 1, 3, 2, 4, 5}));
}

TEST(RevisionGraph, OrdersDependenciesFirst) {
    RevisionGraph graph(3);
    graph.add_dependency(0, 2);
    graph.add_parent(1, 0);
    EXPECT_EQ(graph.topological_order(), (IndexList{2, 0, 1}));
}

TEST(RevisionGraph, HasNoOrderAndNamesTheCycleWhenCyclic) {
    RevisionGraph graph(4);
    graph.add_parent(1, 0);
    graph.add_parent(2, 1);
    graph.add_parent(3, 2);
    graph.add_parent(1, 3);
    EXPECT_FALSE(graph.topological_order().has_value());
    // Edges point from child to parent: 1 -> 3 -> 2 -> 1.
    EXPECT_EQ(graph.find_cycle(), (IndexList{1, 3, 2}));
}

TEST(RevisionGraph, FindsASelfLoopAndACycleThroughADependency) {
    RevisionGraph self(1);
    self.add_parent(0, 0);
    EXPECT_EQ(self.find_cycle(), (IndexList{0}));
    RevisionGraph through(2);
    through.add_parent(1, 0);
    through.add_dependency(0, 1);
    EXPECT_EQ(through.find_cycle(), (IndexList{0, 1}));
}

TEST(RevisionGraph, FindsNoCycleInADag) { EXPECT_TRUE(diamond().find_cycle().empty()); }

TEST(RevisionGraph, CollectsAncestorsAndDescendants) {
    const RevisionGraph graph = diamond();
    EXPECT_EQ(graph.ancestors({2}), (std::vector<bool>{true, true, true, false, false, false}));
    EXPECT_EQ(graph.descendants({3}), (std::vector<bool>{false, false, false, true, true, true}));
    EXPECT_EQ(graph.descendants({0}), (std::vector<bool>(6, true)));
}

TEST(RevisionGraph, OrdersALongChainWithoutRecursion) {
    constexpr Index kSize = 200000;
    RevisionGraph graph(kSize);
    for (Index i = 1; i < kSize; ++i) graph.add_parent(i, i - 1);
    const auto order = graph.topological_order();
    ASSERT_TRUE(order.has_value());
    EXPECT_EQ(order->back(), kSize - 1);
    EXPECT_TRUE(graph.find_cycle().empty());
}

}  // namespace
}  // namespace migrations::graph
