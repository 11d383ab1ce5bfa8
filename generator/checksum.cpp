// @brief SHA-256 checksums of revisions over normalised SQL, via OpenSSL's EVP interface.
#include "checksum.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace migrations::generator {
namespace {

// Bumped if what the checksum covers ever changes, so old and new sums never collide.
constexpr std::string_view kChecksumVersion = "migrations-checksum-v1\n";

bool is_trailing_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed in OpenSSL");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(std::size_t{2} * size, '0');
    for (std::size_t i = 0; i < size; ++i) {
        hex[2 * i] = kHex[digest[i] >> 4];
        hex[2 * i + 1] = kHex[digest[i] & 0xF];
    }
    return hex;
}

std::string normalise_sql(std::string_view sql) {
    if (sql.substr(0, 3) == "\xEF\xBB\xBF") sql.remove_prefix(3);
    std::string result;
    result.reserve(sql.size());
    std::size_t blank_run = 0;  // blank lines seen since the last line with text
    std::size_t pos = 0;
    while (pos <= sql.size()) {
        const std::size_t newline = std::min(sql.find('\n', pos), sql.size());
        std::string_view line = sql.substr(pos, newline - pos);
        pos = newline + 1;
        while (!line.empty() && is_trailing_space(line.back())) line.remove_suffix(1);
        if (line.empty()) {
            ++blank_run;
            continue;
        }
        if (!result.empty()) result.append(blank_run + 1, '\n');
        result += line;
        blank_run = 0;
    }
    return result;
}

std::string revision_checksum(const RevisionFile& revision, Dialect dialect) {
    const SectionText* upgrade = effective_section(revision.upgrade, dialect);
    if (upgrade == nullptr && !revision.cpp) return {};
    std::vector<std::string_view> parents;
    for (const NamedRef& parent : revision.parents) parents.push_back(parent.name);
    std::sort(parents.begin(), parents.end());
    std::string input(kChecksumVersion);
    input += "parents:";
    for (std::string_view parent : parents) {
        input += ' ';
        input += parent;
    }
    // A C++ revision's effect is its source (the same on every dialect): everything after
    // the header, normalised as SQL is.
    input += revision.cpp ? "\ncpp:\n" : "\nupgrade:\n";
    input += normalise_sql(revision.cpp ? revision.cpp_source : upgrade->sql);
    return sha256_hex(input);
}

}  // namespace migrations::generator
