// @brief New revision files: id, name, header layout, and an exclusive write.
#include "new_revision.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <cstdint>
#include <random>

namespace migrations::generator {

std::string new_revision_id() {
    std::random_device device;
    std::mt19937_64 engine((static_cast<std::uint64_t>(device()) << 32) ^ device());
    std::uniform_int_distribution<int> digit(0, 15);
    std::string id;
    for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[digit(engine)];
    return id;
}

std::string revision_slug(const std::string& message) {
    std::string slug;
    for (char c : message) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        if (keep) {
            slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!slug.empty() && slug.back() != '_') {
            slug += '_';
        }
        if (slug.size() >= 40) break;
    }
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
    return slug.empty() ? "revision" : slug;
}

std::string created_now() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
#if defined(_WIN32)
    gmtime_s(&utc, &now);
#else
    gmtime_r(&now, &utc);
#endif
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S+00:00", &utc);
    return text;
}

std::string revision_text(NewRevision& revision) {
    if (revision.id.empty()) revision.id = new_revision_id();
    std::string parents;
    for (const std::string& parent : revision.parents) parents += (parents.empty() ? "" : ", ") + parent;
    std::string text;
    text += "-- revision: " + revision.id + "\n";
    text += "-- down_revision: " + (parents.empty() ? std::string("none") : parents) + "\n";
    text += "-- message: " + revision.message + "\n";
    text += "-- created: " + created_now() + "\n";
    text += "\n-- upgrade\n" + revision.upgrade;
    if (!revision.upgrade.empty() && revision.upgrade.back() != '\n') text += "\n";
    text += "\n-- downgrade\n" + revision.downgrade;
    if (!revision.downgrade.empty() && revision.downgrade.back() != '\n') text += "\n";
    return text;
}

std::optional<std::string> write_new_revision(const std::string& dir, NewRevision& revision, std::string& error) {
    const std::string text = revision_text(revision);
    const std::string path = (std::filesystem::path(dir) / (revision.id + "_" + revision_slug(revision.message) + ".sql"))
                                 .generic_string();
    // "x": fail rather than replace a file that is already there.
    std::FILE* file = std::fopen(path.c_str(), "wx");
    if (file == nullptr) {
        error = "cannot create " + path + ": " + std::strerror(errno);
        return std::nullopt;
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    if (std::fclose(file) != 0 || !written) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        std::remove(path.c_str());
        return std::nullopt;
    }
    return path;
}

}  // namespace migrations::generator
