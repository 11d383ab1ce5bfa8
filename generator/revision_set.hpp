// @brief A validated set of revisions, in topological order, with resolved indices: what code
// generation and the run-time catalog are built from.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "revision_file.hpp"

namespace migrations::generator {

/// Revisions that passed validation. Indices refer to `revisions`.
struct RevisionSet {
    /// Topological order: parents and dependencies first; ties broken by id.
    std::vector<RevisionFile> revisions;
    std::vector<std::vector<std::uint32_t>> parents;
    std::vector<std::vector<std::uint32_t>> depends_on;
    /// Indices sorted by id (byte order).
    std::vector<std::uint32_t> by_id;
    /// Per revision, per Dialect: the checksum, or "" for a dialect that was not selected.
    std::vector<std::array<std::string, kDialectCount>> checksums;
    /// Bit i set for each Dialect i that was checked.
    std::uint32_t dialects = 0;
    /// Indices of the heads (revisions no other names as a parent), ascending.
    std::vector<std::uint32_t> heads;
};

}  // namespace migrations::generator
