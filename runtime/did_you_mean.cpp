// @brief Edit distance and closest-candidate search for "did you mean" messages.
#include "did_you_mean.hpp"

#include <algorithm>
#include <limits>

namespace migrations::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
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

}  // namespace migrations::generator
