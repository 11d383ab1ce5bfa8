// @brief The adapter from the generated catalog (the runtime's RevisionSpec) to the schema
// engines' RevisionScript, for the runtime's drift check. Header-only on purpose: the schema
// library stays free of the runtime, and whoever includes this links the runtime anyway.
#pragma once

#include "schema/script.hpp"

#include <migrations/catalog.hpp>

#include <cstddef>
#include <vector>

namespace migrations::schema {

/// The sections of one catalog revision for `dialect` (SQLite's by default). The marker lines are not in the catalog:
/// diagnostics name the line before each section's SQL, where the generator's marker is.
inline RevisionScript script_of(const RevisionSpec& revision, Dialect dialect = Dialect::sqlite) {
    RevisionScript script;
    script.id = revision.id;
    script.file = revision.file;
    if (const auto upgrade = Catalog::upgrade_section(revision, dialect))
        script.upgrade = {upgrade->sql.str(), upgrade->first_line, 0};
    if (const auto downgrade = Catalog::downgrade_section(revision, dialect))
        script.downgrade = {downgrade->sql.str(), downgrade->first_line, 0};
    script.irreversible = revision.irreversible;
    return script;
}

/// The revisions of `catalog` at `indices` (in application order) as scripts for `dialect`.
inline std::vector<RevisionScript> scripts_of(const Catalog& catalog, const std::vector<std::size_t>& indices,
                                              Dialect dialect = Dialect::sqlite) {
    std::vector<RevisionScript> scripts;
    scripts.reserve(indices.size());
    for (std::size_t index : indices) scripts.push_back(script_of(catalog[index], dialect));
    return scripts;
}

}  // namespace migrations::schema
