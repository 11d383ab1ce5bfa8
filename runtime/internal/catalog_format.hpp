// @brief The layout of the binary catalog (docs/format.md, "The binary catalog"): what the
// generator's serializer writes and runtime/catalog.cpp reads, with the one encoding of its
// integers that both use.
//
// The blob is written into the generated source as string literals, so its bytes are chosen
// to be printable: every integer but the format version is written in base-64 digits taken
// from kDigits (letters, '8', '9' and punctuation: no '"', '\\', '?' or octal digit), one
// source character per byte. Text (names, SQL) is stored once, as it is, followed by a NUL.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace migrations::catalog_format {

/// The first four bytes of every catalog; then the format version as a little-endian 32-bit
/// word (binary, so that every release can read it), then the header words.
inline constexpr char kMagic[4] = {'M', 'G', 'R', 'C'};
inline constexpr std::size_t kVersionAt = 4;

/// The 64 digits, by value.
inline constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz89!#$%&'()*+";
static_assert(sizeof kDigits == 65);

/// The value of each digit byte, -1 for a byte that is not a digit.
inline constexpr std::array<std::int8_t, 256> kDigitValue = [] {
    std::array<std::int8_t, 256> values{};
    for (auto& value : values) value = -1;
    for (std::size_t i = 0; i < 64; ++i) values[static_cast<unsigned char>(kDigits[i])] = static_cast<std::int8_t>(i);
    return values;
}();

/// Header words: fixed-width numbers of kHeaderDigits digits, in this order after the version.
enum Header : std::uint32_t {
    /// The blob's size in bytes, a check against truncation.
    header_size,
    header_revision_count,
    /// Bit i set when Dialect i was checked.
    header_dialects,
    /// Digits of a revision index (by_id, parents, dependencies) and of a record offset.
    header_index_digits,
    header_offset_digits,
    /// Offset of the catalog's name (a string field).
    header_name,
    /// Offset of revision_count record offsets (offset_digits each), in topological order.
    header_records,
    /// Offset of revision_count indices (index_digits each): the revisions sorted by id.
    header_by_id,
    header_words
};
inline constexpr std::size_t kHeaderDigits = 6;
inline constexpr std::size_t kHeaderSize = kVersionAt + 4 + header_words * kHeaderDigits;

// A revision record, in order (docs/format.md):
//   string id, string message, string created, string file,
//   varint flags (kTransactional, kIrreversible, kCpp with the C++ step index above
//   kCppIndexShift; later bits for later fields),
//   varint commit_after,
//   varint parent count, the parents (index_digits each),
//   varint dependency count, the dependencies (index_digits each),
//   varint label count, the labels (strings),
//   one string per Dialect: the checksums,
//   varint upgrade section count, the sections; varint downgrade section count, the sections.
// A section: varint dialect (0 generic, else 1 + Dialect), varint first line, string SQL,
// varint split (0: not split by PostgreSQL's parser; else 1 + the byte size of the list that
// follows: per statement, varint (offset - end of the previous statement), varint size).
// New fields go at the end of a record, behind a flag bit that says they are there.

/// Revision flag bits.
inline constexpr std::uint32_t kTransactional = 1U;
inline constexpr std::uint32_t kIrreversible = 2U;
/// Set for a revision written in C++; its index in the table of C++ steps is
/// `flags >> kCppIndexShift` (the blob holds no pointer: the generated code's table does).
inline constexpr std::uint32_t kCpp = 4U;
inline constexpr unsigned kCppIndexShift = 8U;

/// Digits needed to write `value` as a fixed-width number (at least one).
constexpr std::size_t digits_for(std::uint64_t value) noexcept {
    std::size_t digits = 1;
    while (value >>= 6U) ++digits;
    return digits;
}

/// Appends `value` as `digits` digits, least significant first.
inline void append_fixed(std::string& out, std::uint64_t value, std::size_t digits) {
    for (std::size_t k = 0; k < digits; ++k, value >>= 6U) out += kDigits[value & 63U];
}

/// Appends `value` as a varint: 5 bits per digit, least significant first, digit value 32
/// and up meaning "more digits follow". 0-31 take one byte, up to 1,023 two, up to 32 Ki three.
inline void append_varint(std::string& out, std::uint32_t value) {
    while (value >= 32U) {
        out += kDigits[32U | (value & 31U)];
        value >>= 5U;
    }
    out += kDigits[value];
}

/// Appends a string field: varint 2 * size, the bytes, a NUL.
inline void append_string(std::string& out, std::string_view text) {
    append_varint(out, static_cast<std::uint32_t>(2 * text.size()));
    out += text;
    out += '\0';
}

/// Appends a string field that refers to the string field at `offset` (written before).
inline void append_string_ref(std::string& out, std::uint32_t offset) { append_varint(out, 2 * offset + 1); }

/// A cursor over a blob the catalog checked (Catalog's constructor): reads never fail.
struct Reader {
    const unsigned char* blob;
    const unsigned char* at;

    /// The fixed-width number of `digits` digits at the cursor.
    std::uint64_t fixed(std::size_t digits) noexcept {
        std::uint64_t value = 0;
        for (std::size_t k = 0; k < digits; ++k) {
            value |= static_cast<std::uint64_t>(kDigitValue[*at++] & 63) << (6 * k);
        }
        return value;
    }
    std::uint32_t varint() noexcept {
        std::uint32_t value = 0;
        for (unsigned shift = 0;; shift += 5) {
            const auto digit = static_cast<std::uint32_t>(kDigitValue[*at++] & 63);
            value |= (digit & 31U) << shift;
            if (digit < 32U) return value;
        }
    }
    /// The string field at the cursor: its NUL-terminated text and size.
    const char* string(std::uint32_t* size = nullptr) noexcept {
        const std::uint32_t code = varint();
        if ((code & 1U) != 0) {
            Reader target{blob, blob + (code >> 1U)};
            return target.string(size);
        }
        const char* text = reinterpret_cast<const char*>(at);
        if (size != nullptr) *size = code >> 1U;
        at += (code >> 1U) + 1;
        return text;
    }
    void skip(std::size_t bytes) noexcept { at += bytes; }
};

}  // namespace migrations::catalog_format
