// @brief The one adapter from the revision model to the schema engines: a Catalog's revisions
// (the blob the generator serialized) as schema::RevisionScripts. The runtime's drift check
// uses it on the compiled-in catalog, and the generator's VERIFY and autogenerate on the
// catalog it serializes in memory from the revision files.
#pragma once

#include <cstddef>
#include <migrations/catalog.hpp>
#include <string>
#include <vector>

#include "schema/script.hpp"

namespace migrations::detail {

/// The sections of `revision` that run on `dialect` (its dialect section, else the generic one),
/// as a script whose file is `file`. Diagnostics name a section by its marker line, the line
/// before its first line.
schema::RevisionScript script_of(const RevisionSpec& revision, Dialect dialect, std::string file);

/// Revision `index` of `catalog` as script_of(revision, dialect, file) makes it, plus, for a
/// C++ revision on SQLite in a catalog compiled with its steps (Catalog::has_cpp_steps), its
/// upgrade and downgrade as C++ steps (RevisionSection::cpp_step) that run the consumer's
/// functions with a Session, as a migration does (run_cpp_step_on). Without the steps (a
/// catalog the tool serialized) or on PostgreSQL, a C++ revision's sections are empty.
schema::RevisionScript script_of(const Catalog& catalog, std::size_t index, Dialect dialect, std::string file);

/// The revisions of `catalog` at `indices` (in application order) as scripts for `dialect`
/// (script_of(catalog, index, ...): with the C++ steps when the catalog has them),
/// each file named as the catalog names it (relative to the consumer's source directory).
std::vector<schema::RevisionScript> scripts_of(const Catalog& catalog, const std::vector<std::size_t>& indices,
                                               Dialect dialect = Dialect::sqlite);

/// Every revision of `catalog`, in its topological order (an order they can be applied in), as
/// scripts for `dialect`; revision i's file named `files[i]` (the generator names them as it
/// was given them, so that IDEs find them).
std::vector<schema::RevisionScript> scripts_of(const Catalog& catalog, Dialect dialect,
                                               const std::vector<std::string>& files);

}  // namespace migrations::detail
