// @brief Options shared by every runtime operation, and the progress callback's event.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace migrations {

/// Which way a revision was run.
enum class Direction { upgrade, downgrade };

/// Reported to Options::progress after each revision has run.
struct ProgressEvent {
    Direction direction;
    /// The revision's id and message.
    const char* revision;
    const char* message;
    /// Time spent executing the revision's SQL and its version row.
    std::chrono::duration<double, std::milli> duration;
    /// 1-based position of this revision in the plan, and the plan's length.
    std::size_t index;
    std::size_t count;
};

/// Options for every operation. A default-constructed Options is what applications want:
/// table "schema_revisions", a 5 second wait for the lock, silent.
struct Options {
    /// Name of the version table. Must match [A-Za-z_][A-Za-z0-9_]* (at most 63 characters);
    /// operations throw Error(bad_option) otherwise.
    std::string version_table = "schema_revisions";
    /// PostgreSQL: the schema of the version table (Alembic's version_table_schema). Empty
    /// (the default): the connection's current schema, the first of its search_path that
    /// exists. Otherwise an identifier like version_table; the schema is created with the
    /// table when missing. SQLite ignores it.
    std::string version_table_schema;
    /// How long to wait for another process's migration (SQLite: busy timeout of the write
    /// lock) before throwing Error(lock_timeout).
    std::chrono::milliseconds lock_timeout{5000};
    /// Called once per revision applied or reverted, after it ran (inside the transaction,
    /// which may still roll back). Empty by default: the runtime prints nothing.
    std::function<void(const ProgressEvent&)> progress;
    /// How messages name the command line when they suggest a recovery command
    /// (e.g. "db stamp 1a2b"). run_cli keeps it; set it to what your users type.
    std::string command_name = "db";
    /// check() also compares the database's schema with the schema the applied revisions
    /// create (SQLite; "schema drift" problems). Set it to false for a database that also
    /// holds tables no revision manages.
    bool check_schema = true;
};

/// Throws Error(bad_option) when `options` are invalid (see each field).
void validate(const Options& options);

}  // namespace migrations
