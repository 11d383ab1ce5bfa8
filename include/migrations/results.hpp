// @brief What operations return: applied revisions, results of upgrade/downgrade/stamp/repair, and the
// rows of history.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace migrations {

/// One row of the version table, as read from the database.
struct AppliedRevision {
    std::string revision;
    /// SHA-256 recorded when the revision was applied (hex), or "" for stamped rows made
    /// without a checksum.
    std::string checksum;
    /// "applied", or "pending" while a `transactional: false` revision runs (or after it
    /// was interrupted).
    std::string state;
    /// UTC ISO-8601, e.g. "2026-11-23T09:15:02.120Z".
    std::string applied_at;
    double duration_ms = 0;
};

/// What upgrade, downgrade and stamp did.
struct MigrationResult {
    /// Current revisions (heads of the applied set) before and after, in catalog order;
    /// empty means "base" (nothing applied).
    std::vector<std::string> from;
    std::vector<std::string> to;
    /// Revisions run, in the order they ran (upgrade: applied; downgrade: reverted;
    /// stamp: empty).
    std::vector<std::string> revisions;
    /// Wall time of the whole operation, including the read of the version table.
    std::chrono::duration<double, std::milli> elapsed{0};
    /// True when the database was already at the target: one read, no lock, no write.
    bool fast_path = false;

    /// "base" when `to` is empty, else the ids in `to` joined by ", ".
    std::string to_string() const;
};

/// Upgrade and downgrade results are the same shape.
using UpgradeResult = MigrationResult;
using DowngradeResult = MigrationResult;

/// One stored checksum that repair() rewrote.
struct RepairedChecksum {
    std::string revision;
    /// The revision's file, relative to the consumer's source dir.
    std::string file;
    /// The checksum the version table held, and the catalog's, which replaced it.
    std::string old_checksum;
    std::string new_checksum;
};

/// What repair() did: the checksums it rewrote, in catalog order (empty when every stored
/// checksum already matched). Nothing else is ever changed.
struct RepairResult {
    std::vector<RepairedChecksum> repaired;
    /// Wall time of the whole operation, lock included.
    std::chrono::duration<double, std::milli> elapsed{0};
};

/// One revision of the catalog, with what the database says about it.
struct RevisionStatus {
    std::string revision;
    std::string message;
    std::string file;
    std::vector<std::string> parents;
    std::vector<std::string> branch_labels;
    /// A head of the catalog (no revision names it as parent).
    bool is_head = false;
    /// A current revision of the database (head of the applied set).
    bool is_current = false;
    /// The database's row, when it has one.
    bool applied = false;
    AppliedRevision row;
};

/// The database's situation relative to the catalog, as check() reports it.
struct CheckResult {
    /// True when every revision is applied, none is pending, all checksums match, the
    /// database holds no unknown revision and (SQLite) its schema is the one the applied
    /// revisions create (no "schema drift").
    bool ok = false;
    /// One line per problem found ("3 revisions pending: a1, b2, c3", ...); empty when ok.
    std::vector<std::string> problems;
};

}  // namespace migrations
