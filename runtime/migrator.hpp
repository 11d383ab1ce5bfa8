// @brief The one migration algorithm shared by every backend: the fast path, the lock, the safety
// checks, the plan and its execution.
#pragma once

#include "backend.hpp"
#include "planner.hpp"

#include <migrations/results.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace migrations::detail {

/// What one read of the version table says, relative to the catalog.
struct DbState {
    bool table_exists = false;
    AppliedSet applied;                    // by catalog index; pending rows count as applied
    std::vector<std::string> unknown;      // ids the catalog does not know
    std::vector<graph::Index> mismatched;  // checksum differs from the catalog's
    std::vector<graph::Index> pending;     // state 'pending'
    std::size_t applied_count = 0;
    std::vector<AppliedRevision> rows;  // only when read with details

    /// True when the rows can be trusted: no unknown, edited or pending revision. Only then
    /// may upgrade() take the fast path and check() compare schemas.
    bool trusted() const noexcept { return unknown.empty() && mismatched.empty() && pending.empty(); }
};

/// A recovery command for a message, quoted so that it can be copied (and parsed by tests)
/// exactly: "`db stamp a1 --database sqlite:///x.db`".
std::string suggested_command(const Options& options, const std::string& verb_and_target);

class Migrator {
public:
    /// Validates `options` (Error(bad_option)) and that the catalog was generated for the backend's
    /// dialect (Error(bad_catalog)). The backend, catalog and options must outlive it.
    Migrator(Backend& backend, const Catalog& catalog, const Options& options);

    MigrationResult upgrade(std::string_view target);
    MigrationResult downgrade(std::string_view target);
    MigrationResult stamp(std::string_view target);
    RepairResult repair();
    std::vector<std::string> current();
    std::vector<RevisionStatus> history();
    std::vector<AppliedRevision> rows();
    CheckResult check();  // in check.cpp, with the drift comparison it links

    /// One read of the version table (with every column when `details`).
    DbState read(bool details = false);

private:
    enum class Verb { upgrade, downgrade };
    MigrationResult migrate(Verb verb, std::string_view target);
    bool at_all_heads_fast(const DbState& state, std::string_view target, MigrationResult& result) const;
    void refuse_unsafe(const DbState& state, bool allow_pending) const;
    using TimePoint = std::chrono::steady_clock::time_point;
    void run(std::vector<Step> steps, AppliedSet& applied, MigrationResult& result);
    bool catch_up(std::vector<Step>& steps, std::size_t next, AppliedSet& applied, TimePoint deadline);
    std::size_t segment_end(const std::vector<Step>& steps, std::size_t next) const;
    void run_alone(const Step& step, std::size_t position, std::size_t count, AppliedSet& applied,
                   MigrationResult& result);
    double run_step(const Step& step, std::size_t position, std::size_t count);
    void emit(const Event& event) const;
    const Planner& planner();
    std::vector<std::string> ids(const graph::IndexList& indices) const;
    const char* checksum(graph::Index index) const;

    Backend& backend_;
    const Catalog& catalog_;
    const Options& options_;
    std::optional<Planner> planner_;  // built only off the fast path
    /// A COMMIT released the lock (see Backend::keeps_lock_across_commits): read the state
    /// again before the next step.
    bool lock_released_ = false;
};

}  // namespace migrations::detail
