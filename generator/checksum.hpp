// @brief Revision checksums: SHA-256 over a revision's parents and its normalised upgrade SQL.
#pragma once

#include <string>
#include <string_view>

#include "revision_file.hpp"

namespace migrations::generator {

/// 64 lowercase hex digits of the SHA-256 of `data` (OpenSSL EVP).
std::string sha256_hex(std::string_view data);

/// The SQL as the checksum sees it: no byte order mark, LF line endings, trailing white
/// space stripped from every line, leading and trailing blank lines dropped, no final newline.
std::string normalise_sql(std::string_view sql);

/// The checksum of `revision` on `dialect`: its parent ids (sorted) and the normalised SQL of
/// the upgrade section that runs on that dialect. The message, created date, comments in
/// the header, the downgrade and line endings do not count. A C++ revision's is its parents
/// and its whole source after the header (downgrade included), the same on every dialect.
/// Returns "" when the revision has no upgrade for the dialect.
std::string revision_checksum(const RevisionFile& revision, Dialect dialect);

}  // namespace migrations::generator
