// @brief How hard the many-process tests push: 32 processes starting at once, a few trials in
// the default run, MIGRATIONS_SOAK_TRIALS in the soak run (scripts/soak, CTest label `soak`).
#pragma once

#include <cstdlib>

namespace migrations::testing {

/// Processes started at once by each many-process test.
inline constexpr int kConcurrentStarts = 32;

/// Trials of each many-process test: MIGRATIONS_SOAK_TRIALS when set to a positive number, else 2.
inline int soak_trials() {
    const char* value = std::getenv("MIGRATIONS_SOAK_TRIALS");
    const int trials = value != nullptr ? std::atoi(value) : 0;
    return trials > 0 ? trials : 2;
}

}  // namespace migrations::testing
