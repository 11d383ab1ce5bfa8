// @brief Reading a migrations directory: list its `*.sql` files, read and parse each, and
// validate them together. What `generate`, `check` and later verbs start from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "revision_set.hpp"
#include "validator.hpp"

namespace migrations::generator {

struct LoadOptions {
    /// The directory, as the user gave it; diagnostics name files as DIR/NAME.
    std::string dir;
    /// When set, RevisionFile::relative_path is relative to it; else it is DIR/NAME.
    std::optional<std::string> source_root;
    ValidationOptions validation;
};

/// The names of the `*.sql` and `*.cpp` (C++ revisions) files directly in `dir`, sorted by byte order. A missing
/// or unreadable directory is a diagnostic, and gives an empty list.
std::vector<std::string> list_revision_files(const std::string& dir, Diagnostics& diagnostics);

/// `dir` joined with `name` the way diagnostics show it ("migrations/a.sql").
std::string display_path(const std::string& dir, const std::string& name);

/// `path` relative to `root`, with '/' separators (lexically, after making both absolute).
std::string relative_to(const std::string& path, const std::string& root);

/// The whole file, or nothing with `error` set to the reason: the system's, or
/// message::not_a_regular_file() for anything but a regular file (a symbolic link is
/// followed), which is refused before reading: a FIFO would block the build forever and
/// /dev/zero would fill memory. `regular` (when given) is set to false in that case.
std::optional<std::string> read_file(const std::string& path, std::string& error, bool* regular = nullptr);

/// Lists, reads, parses and validates the directory. Returns the set, or nothing when any
/// diagnostic was reported (all of them are in `diagnostics`).
std::optional<RevisionSet> load_revisions(const LoadOptions& options, Diagnostics& diagnostics);

}  // namespace migrations::generator
