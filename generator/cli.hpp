// @brief The `migrations` command line: parses the arguments and runs the chosen verb.
#pragma once

#include <iosfwd>

namespace migrations::generator {

/// Runs `migrations <verb> ...` as main() would: diagnostics and errors go to `err` (each line
/// with its passwords masked), results to `out`. Returns 0 on success, 1 when the revisions have errors, 2 on a usage
/// error.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace migrations::generator
