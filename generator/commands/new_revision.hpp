// @brief Writing a new revision file into the revisions directory, for `revision` and `merge`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commands/command.hpp"
#include "revision_file.hpp"
#include "revision_template.hpp"

namespace migrations::generator {

/// Every id of the loaded directory, for fresh_revision_id.
std::vector<std::string> taken_ids(const std::vector<RevisionFile>& revisions);

/// Writes `revision` as DIR/<id>_<slug>.sql (never over an existing file) and prints its path
/// to io.out. Returns kExitOk, or kExitDiagnostics after printing `migrations <verb>: error:`.
int write_new_revision(const std::string& dir, const NewRevision& revision, CommandIo& io, std::string_view verb);

/// Checks a -m message: not empty, one line. Returns "" or the problem.
std::string message_problem(std::string_view message);

}  // namespace migrations::generator
