// @brief The revision files of the repository's test corpora and example project, parsed for
// every dialect, for the tests that hold PostgreSQL's parser and the lint against them.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "diagnostics.hpp"
#include "parser.hpp"

namespace migrations::generator::testing {

/// Calls `visit` with every revision file under tests/agreement/realistic,
/// tests/generator/fixtures and example-project, parsed for every dialect, and the
/// diagnostics of its parse.
inline void for_each_corpus_revision(
    const std::function<void(const std::filesystem::path&, const RevisionFile&, const Diagnostics&)>& visit) {
    const std::filesystem::path root = MIGRATIONS_SOURCE_DIR;
    for (const char* corpus : {"tests/agreement/realistic", "tests/generator/fixtures", "example-project"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root / corpus)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            Diagnostics diagnostics;
            const RevisionFile file = parse_revision(text.str(), entry.path().string(), kAllDialects, diagnostics);
            visit(entry.path(), file, diagnostics);
        }
    }
}

}  // namespace migrations::generator::testing
