// @brief Code generation: a validated RevisionSet as a header and a source file holding its
// binary catalog (catalog_blob.hpp) as one char array, deterministic to the byte.
#pragma once

#include <string>

#include "revision_set.hpp"

namespace migrations::generator {

struct CodegenOptions {
    /// The C++ identifier of the accessor function and the catalog's name.
    std::string name;
    /// The header's file name, as the source includes it ("todo_migrations.hpp").
    std::string header_name;
    /// The revision directory relative to the source root, for the banner.
    std::string source_label;
};

struct GeneratedCode {
    std::string header;
    std::string source;
};

/// The header declares `const migrations::Catalog& NAME();`; the source defines it over
/// the serialized catalog, one char array in an anonymous namespace. Sections of dialects not in `set.dialects` are
/// left out. Same input, same bytes: no time stamps, no absolute paths.
GeneratedCode generate_code(const RevisionSet& set, const CodegenOptions& options);

/// The name that a C++ revision file's functions start with: `<catalog_name>_<file name
/// without .cpp>`, each character that cannot be in an identifier made `_`, as CMake's
/// string(MAKE_C_IDENTIFIER) does for the MIGRATIONS_REVISION_KEY that add_migrations()
/// defines when it compiles the file. `file` may hold directories ('/'), which do not count.
std::string cpp_revision_key(std::string_view catalog_name, std::string_view file);

/// True for a C++ identifier that is not a keyword.
bool is_cpp_identifier(std::string_view name);

}  // namespace migrations::generator
