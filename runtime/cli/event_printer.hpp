// @brief What run_cli says on stderr while a migration runs, so that a deploy is never silent.
#pragma once

#include <migrations/options.hpp>

#include <functional>
#include <ostream>
#include <string>

namespace migrations::cli {

/// How much run_cli reports while it migrates.
enum class Verbosity {
    /// -q: nothing (errors still go to stderr).
    quiet,
    /// Default: each revision as it starts, lock waits and retries, server warnings.
    normal,
    /// -v: also each revision's time, each commit, and server notices.
    verbose,
};

/// A callback for Options::on_event that writes one line per reported event to `out`,
/// prefixed with "<program>: ": "running upgrade 4c1d (add users)", "waiting for the migration
/// lock: ...", "upgrade 4c1d done in 3.1 ms" (verbose). Returns an empty function for quiet.
std::function<void(const Event&)> event_printer(std::ostream& out, std::string program, Verbosity verbosity);

}  // namespace migrations::cli
