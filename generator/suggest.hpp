// @brief "Did you mean" suggestions for the generator: the runtime's (did_you_mean.hpp), which
// run_cli uses for its verbs too, under the generator's names.
#pragma once

#include "did_you_mean.hpp"

namespace migrations::generator {

using migrations::detail::closest;
using migrations::detail::edit_distance;

}  // namespace migrations::generator
