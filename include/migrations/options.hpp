// @brief Options shared by every runtime operation, and the events a run reports.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace migrations {

/// Which way a revision was run.
enum class Direction { upgrade, downgrade };

/// What an Event reports. A run reports, in order: run_started, then per revision
/// revision_starting and revision_finished, committed after each COMMIT; lock_wait,
/// lock_retry and server_notice whenever they happen.
enum class EventKind {
    /// The plan is made, the lock is held: `count` revisions will run.
    run_started,
    /// A revision is about to run (`revision`, `message`, `index` of `count`).
    revision_starting,
    /// A revision ran (`duration`); its transaction may still roll back until `committed`.
    revision_finished,
    /// A transaction committed: every revision reported finished so far is permanent.
    committed,
    /// Waiting for the migration lock held by another process (`message` names the holder
    /// when the database can tell; `duration` is the time waited so far).
    lock_wait,
    /// A statement timed out waiting for a table lock (Options::statement_lock_timeout): the
    /// transaction was rolled back and runs again after `duration`. `index` is the attempt that
    /// failed (1-based) and `count` the attempts allowed; `message` names the blockers.
    lock_retry,
    /// The database sent a notice or warning while a revision ran (PostgreSQL NOTICE,
    /// WARNING...); `message` is its text, `revision` the revision running.
    server_notice,
};

/// "run_started", "revision_starting", ...
const char* event_kind_name(EventKind kind) noexcept;

/// One event of a run, reported to Options::on_event. The views are valid only during the
/// call.
struct Event {
    EventKind kind;
    Direction direction = Direction::upgrade;
    /// The revision concerned (revision_*, lock_retry, server_notice), else empty.
    std::string_view revision;
    /// revision_*: the revision's message; lock_wait: the lock holder; lock_retry: what the
    /// database said and who blocks; server_notice: the notice ("WARNING: ...").
    std::string_view message;
    /// revision_finished: time the revision took; lock_wait: time waited so far;
    /// lock_retry: the delay before the next attempt.
    std::chrono::duration<double, std::milli> duration{0};
    /// revision_*: 1-based position in the plan; lock_retry: the attempt that failed.
    std::size_t index = 0;
    /// revision_* and run_started: the plan's length; lock_retry: the attempts allowed.
    std::size_t count = 0;
};

/// How a run groups its revisions into transactions.
enum class TransactionMode {
    /// One transaction for the whole run (the default): all of it or none of it. Revisions
    /// the build marked as needing a commit (PostgreSQL `ALTER TYPE ... ADD VALUE`) and
    /// `transactional: false` revisions still end the transaction they are in.
    per_run,
    /// One transaction per revision, as Flyway, sqlx and Alembic's transaction_per_migration:
    /// a failure keeps the revisions before it.
    per_revision,
};

/// Options for every operation. A default-constructed Options is what applications want:
/// table "schema_revisions", one transaction per run, a 5 second wait for another
/// process's migration, PostgreSQL statements waiting at most 2 s for a table lock (retried 5
/// times), silent.
struct Options {
    /// Name of the version table. Must match [A-Za-z_][A-Za-z0-9_]* (at most 63 characters);
    /// operations throw Error(bad_option) otherwise.
    std::string version_table = "schema_revisions";
    /// PostgreSQL: the schema of the version table (Alembic's version_table_schema). Empty
    /// (the default): the connection's current schema, the first of its search_path that
    /// exists. Otherwise an identifier like version_table; the schema is created with the
    /// table when missing. SQLite ignores it.
    std::string version_table_schema;
    /// How long to wait for ANOTHER PROCESS'S MIGRATION (our migration lock: PostgreSQL's
    /// advisory lock, SQLite's write lock, also SQLite's busy timeout for every statement)
    /// before throwing Error(lock_timeout).
    std::chrono::milliseconds migration_lock_timeout{5000};
    /// One transaction per run (default) or per revision.
    TransactionMode transaction = TransactionMode::per_run;
    /// PostgreSQL: how long one migration statement may wait for a TABLE LOCK (the server's
    /// lock_timeout, set for the migration's transactions only). While an ALTER TABLE waits,
    /// every other query on that table queues behind it; this bounds that outage. 0: no bound.
    std::chrono::milliseconds statement_lock_timeout{2000};
    /// PostgreSQL: how many times a transaction is run again after one of its statements hit
    /// statement_lock_timeout (rolled back, then retried after lock_retry_delay, doubled each
    /// time up to 30 s). When they are used up: Error(lock_timeout) naming the blockers.
    unsigned lock_retries = 5;
    std::chrono::milliseconds lock_retry_delay{1000};
    /// PostgreSQL: the server's statement_timeout for the migration's statements; 0 (the
    /// default): none.
    std::chrono::milliseconds statement_timeout{0};
    /// Called for each Event of a run (see EventKind), on the calling thread. Empty by default:
    /// the runtime prints nothing. Must not throw.
    std::function<void(const Event&)> on_event;
    /// How messages name the command line when they suggest a recovery command
    /// (e.g. "db stamp 1a2b"). run_cli keeps it; set it to what your users type.
    std::string command_name = "db";
    /// Options a suggested command carries after its verb and target, so that it reaches the
    /// same database (run_cli sets ` --database URL` when the URL was given on the command
    /// line; the `migrations` tool adds ` --dir DIR`). Empty by default.
    std::string command_options;
    /// check() also compares the database's schema with the schema the applied revisions
    /// create ("schema drift" problems; SQLite, and PostgreSQL in the connection's current
    /// schema). Set it to false to skip that comparison altogether. Nothing else depends on it.
    bool check_schema = true;
    /// Objects left out of check()'s drift comparison, on both sides, by name pattern: for
    /// objects no revision manages (an audit table an extension or another tool creates, a
    /// scratch table). `*` stands for any run of characters, `?` for one; letters match
    /// case-insensitively; a pattern matches a whole name, unqualified (the comparison reads
    /// one schema). Matched against every table, view, index, trigger, sequence, type,
    /// domain, function (its name without arguments), extension and comment (what it is on);
    /// an index, trigger or comment of a matching table is left out with it. The version table
    /// is always left out. Example: {"audit_*", "tmp_?"}. Operations throw Error(bad_option)
    /// for an empty pattern or one with a `.` (schema-qualified).
    std::vector<std::string> drift_exclude;
};

/// Throws Error(bad_option) when `options` are invalid (see each field).
void validate(const Options& options);

}  // namespace migrations
