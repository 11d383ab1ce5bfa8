// @brief Edit distance and closest-candidate search for "did you mean" messages.
#include "did_you_mean.hpp"

#include <algorithm>
#include <limits>

namespace migrations::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the optimal-string-alignment table: i - 2, i - 1 and i.
    std::vector<std::size_t> before(b.size() + 1);
    std::vector<std::size_t> above(b.size() + 1);
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        before.swap(above);
        above.swap(row);
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above[j] + 1, row[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                row[j] = std::min(row[j], before[j - 2] + 1);
            }
        }
    }
    return row[b.size()];
}

std::string closest(std::string_view word, const std::vector<std::string_view>& candidates) {
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::string_view best;
    std::size_t best_score = std::numeric_limits<std::size_t>::max();
    for (std::string_view candidate : candidates) {
        if (candidate == word) continue;
        const std::size_t shorter = std::min(candidate.size(), word.size());
        const bool prefix = shorter >= 4 && candidate.substr(0, shorter) == word.substr(0, shorter);
        // Cheap lower bound first: the distance is at least the difference in length.
        const std::size_t gap =
            candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
        if (!prefix && gap > limit) continue;
        const std::size_t distance = edit_distance(word, candidate);
        if (!prefix && distance > limit) continue;
        if (distance < best_score || (distance == best_score && candidate < best)) {
            best = candidate;
            best_score = distance;
        }
    }
    return std::string(best);
}

}  // namespace migrations::detail
