// @brief A run-time Catalog over a validated RevisionSet, for the developer verbs that run
// the runtime on a directory's revisions (history, show, sql ...).
#pragma once

#include <migrations/catalog.hpp>
#include <string>

#include "revision_set.hpp"

namespace migrations::generator {

/// A Catalog over the same blob the generated code of `set` holds (serialize_catalog; sections of
/// dialects not in `set.dialects` left out), whose storage the Catalog owns through its
/// shared_ptr: it stays valid after `set` is gone, and copies share it.
Catalog make_catalog(const RevisionSet& set, const std::string& name);

}  // namespace migrations::generator
