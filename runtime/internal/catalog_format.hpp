// @brief The layout of the binary catalog (docs/format.md, "The binary catalog"): what the
// generator's serializer writes and runtime/catalog.cpp reads. Every integer is a
// little-endian 32-bit word; every reference is a byte offset from the blob's start.
#pragma once

#include <cstddef>
#include <cstdint>

namespace migrations::catalog_format {

/// The first four bytes of every catalog.
inline constexpr char kMagic[4] = {'M', 'G', 'R', 'C'};

/// Header words, in order.
enum Header : std::uint32_t {
    header_magic,
    header_version,
    /// The blob's size in bytes, a check against truncation.
    header_size,
    header_revision_count,
    /// Bit i set when Dialect i was checked.
    header_dialects,
    /// Offset of the catalog's NUL-terminated name.
    header_name,
    /// Offset of revision_count words: the indices sorted by id.
    header_by_id,
    /// Offset of revision_count revision records.
    header_revisions,
    header_words
};

/// Revision record words, in order. Strings are offsets of NUL-terminated text; lists are an
/// offset and a count.
enum Revision : std::uint32_t {
    revision_id,
    revision_message,
    revision_created,
    revision_file,
    revision_parents,
    revision_parent_count,
    revision_depends_on,
    revision_depends_on_count,
    /// Words, each a string offset.
    revision_labels,
    revision_label_count,
    /// Section records.
    revision_upgrade,
    revision_upgrade_count,
    revision_downgrade,
    revision_downgrade_count,
    /// One string offset per Dialect.
    revision_checksum,
    revision_flags = revision_checksum + 2,
    revision_commit_after,
    revision_words
};

/// revision_flags bits.
inline constexpr std::uint32_t kTransactional = 1U;
inline constexpr std::uint32_t kIrreversible = 2U;

/// Section record words: the dialect (0 generic, else 1 + Dialect), the first line, and the
/// SQL's offset and size (the SQL is followed by a NUL).
enum SectionWord : std::uint32_t { section_dialect, section_first_line, section_sql, section_sql_size, section_words };

}  // namespace migrations::catalog_format
