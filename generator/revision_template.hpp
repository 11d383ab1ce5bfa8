// @brief The text of a new revision file, as `migrations revision` and `migrations merge`
// write it, and the pieces of its name: a fresh id, a slug of the message, the UTC time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace migrations::generator {

/// What a new revision file says.
struct NewRevision {
    std::string id;
    /// Empty for the first revision (`down_revision: none`); two or more for a merge.
    std::vector<std::string> parents;
    std::string message;
    /// `YYYY-MM-DD HH:MM:SS+00:00`.
    std::string created;
    /// Writes `-- downgrade: irreversible` instead of an empty downgrade section.
    bool irreversible = false;
    /// A revision written in C++ (`<id>_<slug>.cpp`, docs/format.md "C++ revisions").
    bool cpp = false;
};

/// 12 random hex digits that are not in `taken`.
std::string fresh_revision_id(const std::vector<std::string>& taken);

/// The message as a file-name part: lower case, runs of other characters than letters and
/// digits as one '_', at most 40 characters ("Add email to users!" -> "add_email_to_users").
std::string slug(std::string_view message);

/// The `created:` value of a revision written now: UTC as `YYYY-MM-DD HH:MM:SS+00:00`, as
/// Alembic's "Create Date" (not the version table's applied_at, detail::utc_now).
std::string created_now();

/// `<id>_<slug>.sql` (`.cpp` for a C++ revision), or `<id>.sql` when the slug is empty.
std::string revision_file_name(const NewRevision& revision);

/// The whole file: the header, then `-- upgrade` and `-- downgrade` with a comment of what
/// goes there. The upgrade of a revision with one parent or none is left empty, which the
/// build rejects until SQL is written there; a merge's empty upgrade is valid. A C++
/// revision gets its `//` header, the include and the two step macros with empty bodies.
std::string render_revision(const NewRevision& revision);

}  // namespace migrations::generator
