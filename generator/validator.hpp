// @brief Validation of a directory's revisions as a whole: ids, references, labels, and the
// shape of the graph (cycles, roots, heads).
#pragma once

#include <optional>
#include <vector>

#include "diagnostics.hpp"
#include "revision_set.hpp"

namespace migrations::generator {

struct ValidationOptions {
    /// Bit i set for each Dialect i to check and emit.
    std::uint32_t dialects = (1U << kDialectCount) - 1;
    /// Accept more than one head (Alembic's independent branches).
    bool allow_multiple_heads = false;
    /// Whether an upgrade section without SQL is refused (the build) or accepted (a revision
    /// still being written, for the verbs that only read the graph).
    EmptyUpgrade empty_upgrade = EmptyUpgrade::refused;
    /// Whether PostgreSQL's parser and the lint check the PostgreSQL sections.
    PostgresqlParse postgresql_parse = PostgresqlParse::checked;
};

/// Checks `files` (parsed, sorted by path) together and orders them. Every problem is added
/// to `diagnostics`. The graph's shape (cycle, roots, heads) is checked only when every file
/// is sound on its own and every reference resolves, since a broken file distorts it; and
/// an unknown reference is reported only when every file has an id (it may name the file
/// whose header is broken).
/// Returns the set, or nothing when any file or the graph has an error.
std::optional<RevisionSet> validate(std::vector<RevisionFile> files, const ValidationOptions& options,
                                    Diagnostics& diagnostics);

}  // namespace migrations::generator
