// @brief "Did you mean" suggestions: the closest known name to a misspelt one (revision ids
// and header keys in the generator, verbs in both command lines).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::detail {

/// Edit distance between two byte strings: insertions, deletions, substitutions and swaps of
/// two adjacent bytes (the optimal string alignment distance), each counting 1, so that the
/// commonest typo, `hedas` for `heads`, is as close as a missing letter.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, or "" when none is close enough. A candidate is close
/// when its edit distance is at most max(1, size/3) of `word`, or when one of the two is a prefix of
/// the other and the shared prefix has at least 4 characters (an id typed short or long).
/// Ties go to the smaller distance, then to the smaller candidate (deterministic).
std::string closest(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace migrations::detail
