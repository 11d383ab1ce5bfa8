// @brief The migration algorithm: read once, return at the target; else lock, re-read, check,
// plan and execute (one transaction, non-transactional revisions alone, pending/applied).
#include "migrator.hpp"

#include <migrations/error.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

namespace migrations::detail {

using Clock = std::chrono::steady_clock;

using Millis = std::chrono::duration<double, std::milli>;

Migrator::Migrator(Backend& backend, const Catalog& catalog, const Options& options)
    : backend_(backend), catalog_(catalog), options_(options) {
    validate(options);
    if (catalog_.size() > 0 && !catalog_.supports(backend_.dialect())) {
        throw Error(ErrorKind::bad_catalog, std::string("catalog ") + catalog_.name() + " was generated without " +
                                                dialect_name(backend_.dialect()) +
                                                " (add it to DIALECTS in add_migrations)");
    }
}

const Planner& Migrator::planner() {
    if (!planner_) planner_.emplace(catalog_);
    return *planner_;
}

const char* Migrator::checksum(graph::Index index) const {
    const char* sum = catalog_[index].checksum[static_cast<std::size_t>(backend_.dialect())];
    return sum ? sum : "";
}

std::vector<std::string> Migrator::ids(const graph::IndexList& indices) const {
    std::vector<std::string> result;
    result.reserve(indices.size());
    for (graph::Index i : indices) result.emplace_back(catalog_[i].id);
    return result;
}

DbState Migrator::read(bool details) {
    DbState state;
    state.applied.assign(catalog_.size(), false);
    state.table_exists = backend_.read_state(
        [&](const RowView& row) {
            if (details) {
                state.rows.push_back({std::string(row.revision), std::string(row.checksum), std::string(row.state),
                                      std::string(row.applied_at), row.duration_ms});
            }
            const std::ptrdiff_t found = catalog_.find(row.revision);
            if (found < 0) {
                state.unknown.emplace_back(row.revision);
                return;
            }
            const auto index = static_cast<graph::Index>(found);
            if (!state.applied[index]) ++state.applied_count;
            state.applied[index] = true;
            if (row.checksum != checksum(index)) state.mismatched.push_back(index);
            if (row.state != "applied") state.pending.push_back(index);
        },
        details);
    return state;
}

bool Migrator::at_all_heads_fast(const DbState& state, std::string_view target, MigrationResult& result) const {
    // Recognised from the rows alone, without building the graph: everything applied is at
    // "heads", and at "head" when the catalog has a single head.
    if (state.applied_count != catalog_.size() || catalog_.size() == 0) return false;
    if (target != "heads" && target != "head") return false;
    std::vector<bool> is_parent(catalog_.size(), false);
    for (std::size_t i = 0; i < catalog_.size(); ++i) {
        for (std::uint32_t parent : catalog_[i].parents) is_parent[parent] = true;
    }
    graph::IndexList heads;
    for (graph::Index i = 0; i < catalog_.size(); ++i) {
        if (!is_parent[i]) heads.push_back(i);
    }
    if (target == "head" && heads.size() != 1) return false;
    result.from = ids(heads);
    result.to = result.from;
    return true;
}

std::string suggested_command(const Options& options, const std::string& verb_and_target) {
    return "`" + options.command_name + " " + verb_and_target + options.command_options + "`";
}

namespace {

// "`db stamp a`, then `db stamp b`".
std::string quote_commands(const Options& options, const std::string& verb, const std::vector<std::string>& targets) {
    std::string text;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (i > 0) text += i + 1 == targets.size() ? " and then " : ", then ";
        text += suggested_command(options, verb + " " + targets[i]);
    }
    return text;
}

// The stamp targets that turn `applied` into `goal`, in order: `first`, which also un-marks its
// applied descendants, then each head of `goal` that this un-marked. Stamp only moves whole
// subgraphs, so when a revision to forget shares a parent with another applied branch one
// stamp is not enough; simulated with the planner, so the hint is exactly what stamp will do.
// Empty when no such sequence reaches `goal`.
std::vector<std::string> stamps_reaching(const Planner& planner, const AppliedSet& applied, const std::string& first,
                                         const AppliedSet& goal) {
    std::vector<std::string> targets{first};
    AppliedSet now = planner.stamp(applied, first);
    for (graph::Index head : planner.current(goal)) {
        if (now[head]) continue;
        const std::string id = planner.catalog()[head].id;
        targets.push_back(id);
        now = planner.stamp(now, id);
    }
    if (now != goal) targets.clear();
    return targets;
}

// What stamp needs to forget `revision` (applied or pending) and keep every other applied
// revision: its parent when that is a head of the rest (one stamp, also for a merge whose
// other parents stay applied), else a parent followed by the branches it un-marks.
std::vector<std::string> stamps_forgetting(const Planner& planner, const AppliedSet& applied, graph::Index revision) {
    AppliedSet goal = applied;
    goal[revision] = false;
    const RevisionSpec& spec = planner.catalog()[revision];
    if (spec.parents.empty()) return stamps_reaching(planner, applied, "base", goal);
    const graph::IndexList rest = planner.current(goal);
    std::uint32_t parent = spec.parents[0];
    for (std::uint32_t candidate : spec.parents) {
        if (std::find(rest.begin(), rest.end(), candidate) != rest.end()) {
            parent = candidate;
            break;
        }
    }
    return stamps_reaching(planner, applied, planner.catalog()[parent].id, goal);
}

// The rows stamp and repair refuse (revisions unknown to the binary), without the problems
// they exist to resolve.
DbState only_unknown(const DbState& state) {
    DbState unknown = state;
    unknown.mismatched.clear();
    unknown.pending.clear();
    return unknown;
}

}  // namespace

void Migrator::refuse_unsafe(const DbState& state, bool allow_pending) const {
    if (std::find(state.unknown.begin(), state.unknown.end(), "") != state.unknown.end()) {
        // No revision is ever written without an id: a row edited by hand or by another tool.
        const std::string table = options_.version_table_schema.empty()
                                      ? options_.version_table
                                      : options_.version_table_schema + "." + options_.version_table;
        throw Error(ErrorKind::unknown_revision,
                    "the version table " + table + " of " + backend_.location() +
                        " has a row with an empty revision (NULL or ''), which no migration writes: it was "
                        "written by hand or by another tool; delete it with `DELETE FROM " +
                        table + " WHERE revision IS NULL OR revision = ''` and start again");
    }
    if (!state.unknown.empty()) {
        std::string list;
        for (const auto& id : state.unknown) list += (list.empty() ? "" : ", ") + id;
        // Going back means the newer build reverting what lies above this build's revisions:
        // a downgrade to each current head of the known ones (base when none is applied).
        const Planner planner(catalog_);
        std::vector<std::string> targets = ids(planner.current(state.applied));
        if (targets.empty()) targets.emplace_back("base");
        throw Error(ErrorKind::unknown_revision,
                    "the database " + backend_.location() + " has revision(s) " + list +
                        " that this binary does not know (catalog " + catalog_.name() +
                        "): a newer build migrated it; run that build (or a newer one), or, to return to this "
                        "build, run " +
                        quote_commands(options_, "downgrade", targets) + " with the build that knows them",
                    state.unknown.front());
    }
    if (!state.mismatched.empty()) {
        const RevisionSpec& revision = catalog_[state.mismatched.front()];
        throw Error(ErrorKind::checksum_mismatch,
                    std::string("revision ") + revision.id + " (" + revision.file +
                        ") was edited after it was applied: its checksum differs from the database's; restore "
                        "the file and put the change in a new revision, or, if the database already has what the "
                        "edited file does, accept the edit with " +
                        suggested_command(options_, "repair") + " (it rewrites checksums only)",
                    revision.id, revision.file);
    }
    if (state.pending.empty()) return;
    // Only a `transactional: false` revision is ever written 'pending' (it runs outside a
    // transaction); on any other, nobody is running it: refuse at once, without waiting.
    const auto hand_set = std::find_if(state.pending.begin(), state.pending.end(),
                                       [&](graph::Index i) { return catalog_[i].transactional; });
    if (allow_pending && hand_set == state.pending.end()) return;
    const graph::Index index = hand_set != state.pending.end() ? *hand_set : state.pending.front();
    const RevisionSpec& revision = catalog_[index];
    const Planner planner(catalog_);
    const std::vector<std::string> keep = stamps_reaching(planner, state.applied, revision.id, state.applied);
    const std::vector<std::string> forget = stamps_forgetting(planner, state.applied, index);
    std::string hint;
    if (!keep.empty()) hint += "if all of it is there, run " + quote_commands(options_, "stamp", keep);
    if (!forget.empty()) {
        hint += std::string(hint.empty() ? "" : "; ") + "if none of it is" +
                (revision.transactional ? "" : " (undo a partial change by hand first)") + ", run " +
                quote_commands(options_, "stamp", forget);
    }
    if (hint.empty()) hint = "correct its row in the version table by hand";  // no stamp sequence fits
    const std::string what = revision.transactional
                                 ? std::string(
                                       " runs in a transaction, yet its row is 'pending', which is only ever "
                                       "written for a `transactional: false` revision: the row was set by "
                                       "hand or by another tool. Its upgrade took effect entirely or not at "
                                       "all: look in the database for the changes of the upgrade section of ")
                                 : std::string(
                                       " was interrupted while running outside a transaction (its row is "
                                       "'pending'): all, part or none of its upgrade took effect. Compare "
                                       "the database with the upgrade section of ");
    throw Error(ErrorKind::pending_revision,
                std::string("revision ") + revision.id + " (" + revision.file + ")" + what + revision.file + ": " +
                    hint + "; then upgrade again",
                revision.id, revision.file);
}

MigrationResult Migrator::upgrade(std::string_view target) { return migrate(Verb::upgrade, target); }
MigrationResult Migrator::downgrade(std::string_view target) { return migrate(Verb::downgrade, target); }

MigrationResult Migrator::migrate(Verb verb, std::string_view target) {
    const auto started = Clock::now();
    MigrationResult result;
    // Fast path: one read; at the target with nothing wrong -> return, no lock, no write.
    DbState state = read();
    if (state.trusted()) {
        if (verb == Verb::upgrade && at_all_heads_fast(state, target, result)) {
            result.fast_path = true;
            result.elapsed = Clock::now() - started;
            return result;
        }
        const auto steps = verb == Verb::upgrade ? planner().upgrade(state.applied, target)
                                                 : planner().downgrade(state.applied, target);
        if (steps.empty()) {
            result.from = ids(planner().current(state.applied));
            result.to = result.from;
            result.fast_path = true;
            result.elapsed = Clock::now() - started;
            return result;
        }
    } else {
        refuse_unsafe(state, /*allow_pending=*/true);
    }
    // Slow path: lock, read again (another process may have migrated), check, plan, run.
    const auto deadline = started + options_.migration_lock_timeout;
    for (;;) {
        LockGuard lock(backend_);
        state = read();
        // A pending row under the lock: with PostgreSQL's advisory lock its writer is gone (it
        // was interrupted); with SQLite's, another process may still be running it: wait.
        refuse_unsafe(state, /*allow_pending=*/!backend_.keeps_lock_across_commits() && Clock::now() < deadline);
        if (!state.pending.empty()) {
            backend_.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        auto steps = verb == Verb::upgrade ? planner().upgrade(state.applied, target)
                                           : planner().downgrade(state.applied, target);
        result.from = ids(planner().current(state.applied));
        if (!steps.empty()) {
            if (!state.table_exists) backend_.ensure_table();
            run(std::move(steps), state.applied, result);
        }
        result.to = ids(planner().current(state.applied));
        result.elapsed = Clock::now() - started;
        return result;
    }
}

void Migrator::emit(const Event& event) const {
    if (options_.on_event) options_.on_event(event);
}

std::size_t Migrator::segment_end(const std::vector<Step>& steps, std::size_t next) const {
    // The transactional steps from `next` that share one transaction: up to a commit point.
    std::size_t end = next;
    while (end < steps.size()) {
        const Step& step = steps[end];
        const RevisionSpec& revision = catalog_[step.revision];
        if (!revision.transactional) break;
        ++end;
        if (options_.transaction == TransactionMode::per_revision ||
            Catalog::commits_after(revision, step.direction == Direction::upgrade, backend_.dialect())) {
            break;
        }
    }
    return end;
}

bool Migrator::catch_up(std::vector<Step>& steps, std::size_t next, AppliedSet& applied, TimePoint deadline) {
    if (!lock_released_) return true;
    // The lock was released by a COMMIT and taken again by the transaction just begun: another
    // process may have run some of the remaining steps meanwhile. Drop those; wait while one
    // of its non-transactional revisions is still running.
    const DbState state = read();
    refuse_unsafe(state, /*allow_pending=*/Clock::now() < deadline);
    if (!state.pending.empty()) return false;
    applied = state.applied;
    steps.erase(std::remove_if(steps.begin() + static_cast<std::ptrdiff_t>(next), steps.end(),
                               [&](const Step& step) {
                                   return applied[step.revision] != (step.direction == Direction::downgrade);
                               }),
                steps.end());
    lock_released_ = false;
    return true;
}

double Migrator::run_step(const Step& step, std::size_t position, std::size_t count) {
    const RevisionSpec& revision = catalog_[step.revision];
    const bool up = step.direction == Direction::upgrade;
    // A C++ revision runs its function; an .sql one its section. Either is looked up before
    // anything is reported, so a catalog without it fails first.
    const CppStep* cpp = revision.cpp ? &catalog_.cpp_step(revision, up) : nullptr;
    const std::optional<Section> section =
        cpp != nullptr ? std::nullopt : std::optional<Section>(section_of(catalog_, step, backend_.dialect()));
    emit(Event{EventKind::revision_starting, step.direction, revision.id, revision.message, {}, position, count});
    const auto started = Clock::now();
    if (cpp != nullptr) {
        backend_.run_cpp(revision, *cpp, step.direction);
    } else {
        backend_.execute(revision, *section, step.direction);
    }
    const Millis duration = Clock::now() - started;
    emit(Event{EventKind::revision_finished, step.direction, revision.id, revision.message, duration, position, count});
    return duration.count();
}

void Migrator::run_alone(const Step& step, std::size_t position, std::size_t count, AppliedSet& applied,
                         MigrationResult& result) {
    // Outside any transaction: the row says 'pending' while it runs, so an interruption is
    // visible and reported with its recovery command. The row turns 'applied' (or goes, for a
    // downgrade) in a transaction of its own as soon as the revision completes: that work is
    // committed, whatever fails after it.
    const RevisionSpec& revision = catalog_[step.revision];
    const bool up = step.direction == Direction::upgrade;
    const double duration = run_step(step, position, count);
    Transaction transaction(backend_);
    if (up) {
        backend_.write_row({revision.id, checksum(step.revision), "applied", utc_now(), duration});
    } else {
        backend_.delete_row(revision.id);
    }
    transaction.commit();
    lock_released_ = !backend_.keeps_lock_across_commits();
    applied[step.revision] = up;
    result.revisions.emplace_back(revision.id);
    emit(Event{EventKind::committed, step.direction, revision.id, {}, {}, position, count});
}

void Migrator::run(std::vector<Step> steps, AppliedSet& applied, MigrationResult& result) {
    emit(Event{EventKind::run_started, steps.front().direction, {}, {}, {}, 0, steps.size()});
    lock_released_ = false;
    const std::size_t count = steps.size();
    std::size_t next = 0;  // the first step not committed yet
    unsigned attempt = 1;  // of the transaction starting at `next`
    auto retry_delay = options_.lock_retry_delay;
    auto pending_deadline = Clock::now() + options_.migration_lock_timeout;
    try {
        while (next < steps.size()) {
            Transaction transaction(backend_);  // SQLite: takes the write lock again after a COMMIT
            if (!catch_up(steps, next, applied, pending_deadline)) {
                transaction.rollback();
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                continue;
            }
            pending_deadline = Clock::now() + options_.migration_lock_timeout;
            if (next == steps.size()) break;
            const std::size_t skipped = count - steps.size();
            const Step& first = steps[next];
            if (!catalog_[first.revision].transactional) {
                backend_.write_row({catalog_[first.revision].id, checksum(first.revision), "pending", utc_now(), 0});
                transaction.commit();
                lock_released_ = !backend_.keeps_lock_across_commits();
                run_alone(first, skipped + next + 1, count, applied, result);
                ++next;
                continue;
            }
            const std::size_t end = segment_end(steps, next);
            std::vector<AppliedRevision> rows;
            try {
                for (std::size_t i = next; i < end; ++i) {
                    const Step& step = steps[i];
                    const double duration = run_step(step, skipped + i + 1, count);
                    const RevisionSpec& revision = catalog_[step.revision];
                    if (step.direction == Direction::upgrade) {
                        rows.push_back({revision.id, checksum(step.revision), "applied", utc_now(), duration});
                    } else {
                        backend_.delete_row(revision.id);
                    }
                }
                backend_.write_rows(rows);
                transaction.commit();
            } catch (const StatementLockTimeout& error) {
                // A statement waited too long for a table lock: give the blockers room, then run
                // the whole transaction again.
                transaction.rollback();
                lock_released_ = !backend_.keeps_lock_across_commits();
                if (attempt > options_.lock_retries) {
                    throw Error(ErrorKind::lock_timeout,
                                std::string(error.what()) + "\n  gave up after " + std::to_string(attempt) +
                                    " attempt(s); the blockers above held their locks longer than "
                                    "Options::statement_lock_timeout each time",
                                error.revision(), error.file(), error.line(), error.database_code());
                }
                emit(Event{EventKind::lock_retry, first.direction, error.revision(), error.what(), retry_delay, attempt,
                           options_.lock_retries + 1});
                std::this_thread::sleep_for(retry_delay);
                retry_delay = std::min<std::chrono::milliseconds>(retry_delay * 2, std::chrono::seconds(30));
                ++attempt;
                continue;
            }
            lock_released_ = !backend_.keeps_lock_across_commits();
            for (std::size_t i = next; i < end; ++i) {
                applied[steps[i].revision] = steps[i].direction == Direction::upgrade;
                result.revisions.emplace_back(catalog_[steps[i].revision].id);
            }
            emit(Event{EventKind::committed,
                       first.direction,
                       catalog_[steps[end - 1].revision].id,
                       {},
                       {},
                       skipped + end,
                       count});
            next = end;
            attempt = 1;
            retry_delay = options_.lock_retry_delay;
        }
    } catch (const Error& error) {
        if (result.revisions.empty()) throw;
        // Work committed before the failure stays: say so, so nobody looks for a full rollback.
        throw Error(error.kind(),
                    std::string(error.what()) +
                        "\n  committed before the failure and kept: " + std::to_string(result.revisions.size()) +
                        " revision(s), the database is now at " + join_ids(catalog_, planner().current(applied)),
                    error.revision(), error.file(), error.line(), error.database_code());
    }
}

MigrationResult Migrator::stamp(std::string_view target) {
    const auto started = Clock::now();
    MigrationResult result;
    LockGuard lock(backend_);
    DbState state = read();
    refuse_unsafe(only_unknown(state), true);
    const AppliedSet after = planner().stamp(state.applied, target);
    result.from = ids(planner().current(state.applied));
    if (!state.table_exists) backend_.ensure_table();
    Transaction transaction(backend_);
    std::vector<bool> stale(catalog_.size(), false);
    for (graph::Index i : state.mismatched) stale[i] = true;
    for (graph::Index i : state.pending) stale[i] = true;
    AppliedRevision row;
    row.state = "applied";
    for (graph::Index i = 0; i < catalog_.size(); ++i) {
        if (state.applied[i] && !after[i]) backend_.delete_row(catalog_[i].id);
        if (after[i] && (!state.applied[i] || stale[i])) {
            row.revision = catalog_[i].id;
            row.checksum = checksum(i);
            row.applied_at = utc_now();
            backend_.write_row(row);
        }
    }
    transaction.commit();
    result.to = ids(planner().current(after));
    result.elapsed = Clock::now() - started;
    return result;
}

RepairResult Migrator::repair() {
    const auto started = Clock::now();
    RepairResult result;
    LockGuard lock(backend_);
    const DbState state = read(/*details=*/true);
    refuse_unsafe(only_unknown(state), true);
    if (!state.mismatched.empty()) {
        std::vector<const AppliedRevision*> row_of(catalog_.size(), nullptr);
        for (const AppliedRevision& row : state.rows)
            row_of[static_cast<std::size_t>(catalog_.find(row.revision))] = &row;
        Transaction transaction(backend_);
        for (graph::Index i = 0; i < catalog_.size(); ++i) {
            if (row_of[i] == nullptr || row_of[i]->checksum == checksum(i)) continue;
            AppliedRevision row = *row_of[i];  // state, applied_at and duration kept as stored
            row.checksum = checksum(i);
            backend_.write_row(row);
            result.repaired.push_back({row.revision, catalog_[i].file, row_of[i]->checksum, row.checksum});
        }
        transaction.commit();
    }
    result.elapsed = Clock::now() - started;
    return result;
}

std::vector<std::string> Migrator::current() {
    const DbState state = read();
    std::vector<std::string> result = ids(planner().current(state.applied));
    result.insert(result.end(), state.unknown.begin(), state.unknown.end());
    return result;
}

std::vector<AppliedRevision> Migrator::rows() { return read(true).rows; }

std::vector<RevisionStatus> Migrator::history() {
    DbState state = read(true);
    const graph::IndexList current_heads = planner().current(state.applied);
    std::vector<bool> is_current(catalog_.size(), false);
    for (graph::Index i : current_heads) is_current[i] = true;
    std::vector<const AppliedRevision*> row_of(catalog_.size(), nullptr);
    for (const AppliedRevision& row : state.rows) {
        const std::ptrdiff_t found = catalog_.find(row.revision);
        if (found >= 0) row_of[static_cast<std::size_t>(found)] = &row;
    }
    std::vector<RevisionStatus> result;
    result.reserve(catalog_.size());
    for (graph::Index i = static_cast<graph::Index>(catalog_.size()); i-- > 0;) {
        const RevisionSpec& revision = catalog_[i];
        RevisionStatus status;
        status.revision = revision.id;
        status.message = revision.message;
        status.file = revision.file;
        for (std::uint32_t p : revision.parents) status.parents.emplace_back(catalog_[p].id);
        for (const char* label : revision.branch_labels) status.branch_labels.emplace_back(label);
        status.is_head = planner().graph().children(i).empty();
        status.is_current = is_current[i];
        if (row_of[i] != nullptr) {
            status.applied = true;
            status.row = *row_of[i];
        }
        result.push_back(std::move(status));
    }
    return result;
}

}  // namespace migrations::detail
