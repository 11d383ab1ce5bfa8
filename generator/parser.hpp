// @brief The revision file parser: header `-- key: value` lines, then `-- upgrade` and
// `-- downgrade` sections (DESIGN section 2; the format is documented in docs/format.md).
#pragma once

#include <string_view>

#include "diagnostics.hpp"
#include "revision_file.hpp"

namespace migrations::generator {

/// Parses the text of one revision file. Every problem is added to `diagnostics` under
/// `path`, with the line where it is; parsing goes on after an error so that one run reports
/// them all. Accepts a UTF-8 byte order mark and CRLF line endings. Checks that do not need
/// the other files (required keys, id syntax, sections for the `dialects` mask, empty
/// upgrade) are done here; the graph checks are the validator's.
/// An upgrade section without SQL is an error, except in a revision still being written,
/// which the verbs that only read the graph (history, heads, revision, ...) accept.
/// `postgresql_parse` says whether PostgreSQL's parser and the lint run (PostgresqlParse).
RevisionFile parse_revision(std::string_view text, std::string_view path, std::uint32_t dialects,
                            Diagnostics& diagnostics, EmptyUpgrade empty_upgrade = EmptyUpgrade::refused,
                            PostgresqlParse postgresql_parse = PostgresqlParse::checked);

/// True when `sql` holds nothing but white space and SQL comments (`--` and `/* */`).
bool is_blank_sql(std::string_view sql);

/// The longest revision id accepted (docs/format.md): ids are stored and indexed in the
/// version table, and PostgreSQL refuses a btree entry over about 2,700 bytes.
inline constexpr std::size_t kMaxIdLength = 128;

/// True for `[0-9A-Za-z_]+`.
bool is_valid_id(std::string_view id);

/// Bit mask with every Dialect set.
inline constexpr std::uint32_t kAllDialects = (1U << kDialectCount) - 1;

}  // namespace migrations::generator
