// @brief The bridge from the generator's validated revisions to the schema engines
// (schema/verify.hpp, schema/autogenerate.hpp): a RevisionSet's SQLite sections as
// RevisionScripts, and the verification `generate --verify` and `verify` run.
#pragma once

#include <string>
#include <vector>

#include "revision_set.hpp"
#include "schema/script.hpp"

namespace migrations::generator {

/// The SQLite sections (the `-- upgrade: sqlite` section, else the generic one) of every
/// revision of `set`, in its topological order, which is an order they can be applied in.
/// Files are named by RevisionFile::path, as the loader's diagnostics name them.
std::vector<schema::RevisionScript> sqlite_scripts(const RevisionSet& set);

/// Replays upgrade, downgrade, upgrade of every revision of `set` on an in-memory SQLite
/// (schema::verify_revisions). Returns the `file:line: error: message` lines, empty when every
/// revision runs and every downgrade restores the schema its upgrade started from. An SQLite
/// failure outside the revisions' SQL becomes one diagnostic too.
std::vector<std::string> verify_sqlite(const RevisionSet& set);

}  // namespace migrations::generator
