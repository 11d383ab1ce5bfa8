// @brief Write-if-changed through a temporary file and rename; stamp files.
#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace migrations::generator {
namespace {

/// True when the file at `path` holds exactly `content`. Compares through a small buffer:
/// the generated source can be megabytes, and fresh memory is not free.
bool same_content(const std::string& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat info {};
    bool same = ::fstat(fd, &info) == 0 && static_cast<std::size_t>(info.st_size) == content.size();
    char buffer[65536];
    std::size_t offset = 0;
    while (same) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            same = got == 0 && offset == content.size();
            break;
        }
        const auto size = static_cast<std::size_t>(got);
        same = offset + size <= content.size() && content.compare(offset, size, std::string_view(buffer, size)) == 0;
        offset += size;
    }
    ::close(fd);
    return same;
}

}  // namespace

WriteResult write_if_changed(const std::string& path, std::string_view content, std::string& error) {
    if (same_content(path, content)) return WriteResult::unchanged;
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    const std::string temporary = path + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = "cannot write " + temporary + ": " + std::strerror(errno);
        return WriteResult::failed;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t wrote = ::write(fd, content.data() + done, content.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) {
            error = "cannot write " + temporary + ": " + std::strerror(errno);
            ::close(fd);
            ::unlink(temporary.c_str());
            return WriteResult::failed;
        }
        done += static_cast<std::size_t>(wrote);
    }
    if (::close(fd) != 0 || std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        ::unlink(temporary.c_str());
        return WriteResult::failed;
    }
    return WriteResult::written;
}

bool touch(const std::string& path, std::string& error) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 || ::futimens(fd, nullptr) != 0) {
        error = "cannot touch " + path + ": " + std::strerror(errno);
        if (fd >= 0) ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

}  // namespace migrations::generator
