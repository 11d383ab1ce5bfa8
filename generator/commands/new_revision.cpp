// @brief Writing a new revision file, refusing to overwrite one.
#include "commands/new_revision.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <ostream>

#include "commands/common.hpp"
#include "loader.hpp"

namespace migrations::generator {

std::vector<std::string> taken_ids(const std::vector<RevisionFile>& revisions) {
    std::vector<std::string> ids;
    ids.reserve(revisions.size());
    for (const RevisionFile& file : revisions) ids.push_back(file.id);
    return ids;
}

int write_new_revision(const std::string& dir, const NewRevision& revision, CommandIo& io, std::string_view verb) {
    const std::string path = display_path(dir, revision_file_name(revision));
    // "x": fail rather than replace a file that happens to have the same name.
    std::FILE* file = std::fopen(path.c_str(), "wx");
    if (file == nullptr) {
        io.err << path << ":1: error: cannot create file: " << std::strerror(errno) << "\n";
        return kExitDiagnostics;
    }
    const std::string text = render_revision(revision);
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    if (std::fclose(file) != 0 || !written) {
        io.err << "migrations " << verb << ": error: cannot write " << path << "\n";
        return kExitDiagnostics;
    }
    io.out << path << "\n";
    return kExitOk;
}

std::string message_problem(std::string_view message) {
    if (message.find_first_not_of(" \t") == std::string_view::npos) return "the message (-m) must not be empty";
    if (message.find_first_of("\r\n") != std::string_view::npos) return "the message (-m) must be one line";
    return "";
}

}  // namespace migrations::generator
