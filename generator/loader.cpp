// @brief Directory listing, file reading and the parse-then-validate pipeline.
#include "loader.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

#include "parser.hpp"

namespace migrations::generator {

namespace fs = std::filesystem;

std::vector<std::string> list_revision_files(const std::string& dir, Diagnostics& diagnostics) {
    // POSIX readdir rather than std::filesystem: its d_type spares a stat per entry, and the
    // listing of 10,000 files is on every build's path.
    std::vector<std::string> names;
    DIR* stream = ::opendir(dir.empty() ? "." : dir.c_str());
    if (stream == nullptr) {
        diagnostics.error(dir, 1, message::cannot_open_directory(std::generic_category().message(errno)));
        return names;
    }
    errno = 0;
    while (const dirent* entry = ::readdir(stream)) {
        const std::string_view name = entry->d_name;
        if (name.size() <= 4 || (name.substr(name.size() - 4) != ".sql" && name.substr(name.size() - 4) != ".cpp")) {
            continue;
        }
        bool directory = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
            struct stat info {};
            directory = ::fstatat(::dirfd(stream), entry->d_name, &info, 0) == 0 && S_ISDIR(info.st_mode);
        }
        if (!directory) names.emplace_back(name);
        errno = 0;
    }
    if (errno != 0) diagnostics.error(dir, 1, message::cannot_open_directory(std::generic_category().message(errno)));
    ::closedir(stream);
    std::sort(names.begin(), names.end());
    return names;
}

std::string display_path(const std::string& dir, const std::string& name) {
    if (dir.empty()) return name;
    return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string relative_to(const std::string& path, const std::string& root) {
    std::error_code ec;
    const fs::path absolute_path = fs::absolute(path, ec).lexically_normal();
    const fs::path absolute_root = fs::absolute(root, ec).lexically_normal();
    fs::path relative = absolute_path.lexically_relative(absolute_root);
    if (relative.empty()) relative = absolute_path.filename();
    std::string result = relative.generic_string();
    if (result.size() > 1 && result.back() == '/') result.pop_back();
    return result;
}

std::optional<std::string> read_file(const std::string& path, std::string& error, bool* regular) {
    // O_NONBLOCK: opening a FIFO without a writer must not wait; the file type is checked on
    // the descriptor, so what is read is what was checked.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        error = std::generic_category().message(errno);
        return std::nullopt;
    }
    struct stat info {};
    const bool stated = ::fstat(fd, &info) == 0;
    if (!stated || !S_ISREG(info.st_mode)) {
        error = stated ? message::not_a_regular_file() : std::generic_category().message(errno);
        if (regular != nullptr) *regular = !stated;
        ::close(fd);
        return std::nullopt;
    }
    // System calls dominate on 10,000 small files: ask for one byte more than the size, so
    // that a single short read proves the end of the file.
    std::size_t capacity = 4096;
    if (info.st_size > 0) capacity = static_cast<std::size_t>(info.st_size) + 1;
    std::string content(capacity, '\0');
    std::size_t size = 0;
    for (;;) {
        if (size == content.size()) content.resize(2 * content.size());
        const ssize_t got = ::read(fd, content.data() + size, content.size() - size);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            error = std::generic_category().message(errno);
            ::close(fd);
            return std::nullopt;
        }
        const auto requested = content.size() - size;
        size += static_cast<std::size_t>(got);
        if (got == 0 || static_cast<std::size_t>(got) < requested) break;
    }
    ::close(fd);
    content.resize(size);
    return content;
}

namespace {

/// Reads and parses names[begin, end) into files[begin, end); an unreadable file leaves its
/// slot without an id. Each worker has its own diagnostics, merged afterwards.
void load_range(const LoadOptions& options, const std::vector<std::string>& names, const std::string& relative_dir,
                std::size_t begin, std::size_t end, std::vector<RevisionFile>& files, Diagnostics& diagnostics) {
    for (std::size_t i = begin; i < end; ++i) {
        const std::string path = display_path(options.dir, names[i]);
        std::string error;
        bool regular = true;
        const std::optional<std::string> text = read_file(path, error, &regular);
        if (!text) {
            if (regular) {
                diagnostics.error(path, 1, message::cannot_read(error));
            } else {
                diagnostics.error(path, 0, error);  // no line: `path: error: not a regular file`
            }
            files[i].path = path;  // kept without an id: the validator knows a file is missing
            continue;
        }
        files[i] = parse_revision(*text, path, options.validation.dialects, diagnostics,
                                  options.validation.empty_upgrade, options.validation.postgresql_parse);
        if (!options.source_root) {
            files[i].relative_path = path;
        } else {
            files[i].relative_path = relative_dir == "." ? names[i] : relative_dir + "/" + names[i];
        }
    }
}

}  // namespace

std::optional<RevisionSet> load_revisions(const LoadOptions& options, Diagnostics& diagnostics) {
    const std::size_t errors_before = diagnostics.size();
    const std::vector<std::string> names = list_revision_files(options.dir, diagnostics);
    const std::string relative_dir = options.source_root ? relative_to(options.dir, *options.source_root) : "";
    std::vector<RevisionFile> files(names.size());
    // Reading thousands of small files is system-call bound: a second thread halves it on
    // two cores. Small directories are not worth a thread.
    constexpr std::size_t kFilesPerThread = 512;
    if (names.size() >= 2 * kFilesPerThread && std::thread::hardware_concurrency() > 1) {
        const std::size_t middle = names.size() / 2;
        Diagnostics second;
        std::thread worker([&] { load_range(options, names, relative_dir, middle, names.size(), files, second); });
        load_range(options, names, relative_dir, 0, middle, files, diagnostics);
        worker.join();
        diagnostics.append(second);
    } else {
        load_range(options, names, relative_dir, 0, names.size(), files, diagnostics);
    }
    if (diagnostics.size() != errors_before) {
        // Still check what can be checked across files (duplicates, references), for a full report.
        validate(std::move(files), options.validation, diagnostics);
        return std::nullopt;
    }
    return validate(std::move(files), options.validation, diagnostics);
}

}  // namespace migrations::generator
