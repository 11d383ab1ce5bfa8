// @brief The one serializer of the revision model: a validated RevisionSet as the binary
// catalog (runtime/catalog_format.hpp, docs/format.md) that the generated code embeds and
// that the developer verbs, tests and benchmarks read in memory.
#pragma once

#include <string>
#include <string_view>

#include "revision_set.hpp"

namespace migrations::generator {

/// The binary catalog of `set` named `name`: sections of dialects not in `set.dialects` left
/// out, RevisionFile::relative_path as each revision's file. Same input, same bytes.
std::string serialize_catalog(const RevisionSet& set, std::string_view name);

}  // namespace migrations::generator
