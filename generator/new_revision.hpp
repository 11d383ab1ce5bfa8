// @brief Writing a new revision file: a fresh 12-hex-digit id, the `<id>_<slug>.sql` name and
// the header layout of the files `migrations` writes (see docs/format.md). Used by
// `autogenerate`.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace migrations::generator {

/// What goes into a new revision file.
struct NewRevision {
    /// Empty for a fresh random id (new_revision_id()).
    std::string id;
    /// The parents' ids; empty for a root (`down_revision: none`).
    std::vector<std::string> parents;
    /// One line; the `message` header and the file name's slug.
    std::string message;
    /// The SQL of the two sections, each ending with a newline (or empty).
    std::string upgrade;
    std::string downgrade;
};

/// 12 random lowercase hex digits, as Alembic's ids.
std::string new_revision_id();

/// "add priority to todos" -> "add_priority_to_todos": lower-case letters and digits, runs of
/// anything else as one '_', at most 40 characters; "revision" when nothing is left.
std::string revision_slug(const std::string& message);

/// The current UTC time as the `created` header writes it: "2026-11-23 11:30:00+00:00".
std::string created_now();

/// The file's text: the header (revision, down_revision, message, created), a blank line, then
/// `-- upgrade` and `-- downgrade` with their SQL. Fills in `revision.id` when empty.
std::string revision_text(NewRevision& revision);

/// Writes the revision into `dir` as `<id>_<slug>.sql`, refusing to replace an existing file.
/// Returns the path written, or nothing with `error` set.
std::optional<std::string> write_new_revision(const std::string& dir, NewRevision& revision, std::string& error);

}  // namespace migrations::generator
