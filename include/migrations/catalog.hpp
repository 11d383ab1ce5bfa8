// @brief The revisions compiled into a binary: the static table the generator emits, and
// the Catalog that the runtime plans over.
//
// The generator (`migrations generate`, run by add_migrations) serializes the validated
// revisions into one binary blob (docs/format.md), in topological order (parents before
// children), with parents and dependencies resolved to indices and an index sorted by id, and
// writes it into a generated .cpp as one char array. Nothing is parsed, hashed or sorted when
// the binary starts: a Catalog reads the blob in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrations {

/// The SQL dialects a revision can carry sections for.
enum class Dialect : std::uint8_t { sqlite = 0, postgresql = 1 };

/// Number of Dialect values; arrays indexed by Dialect have this size.
inline constexpr std::size_t kDialectCount = 2;

/// "sqlite" or "postgresql".
const char* dialect_name(Dialect dialect) noexcept;

/// Version of the binary catalog layout (docs/format.md, "The binary catalog"). The
/// generator writes it into every blob; a Catalog refuses a blob of another version.
inline constexpr std::uint32_t kCatalogFormatVersion = 3;

class Session;

/// One step of a C++ revision: the function its MIGRATIONS_UPGRADE or MIGRATIONS_DOWNGRADE
/// defined (include/migrations/revision.hpp), and the line of that macro in the file. The
/// generated catalog holds a table of them next to its blob, two per C++ revision (upgrade,
/// downgrade; `run` null for an irreversible one's downgrade).
struct CppStep {
    void (*run)(Session&);
    std::uint32_t line;
};

/// SQL text: `size` bytes at `data`, followed by a NUL (so `data` is also a C string).
struct SqlText {
    const char* data = "";
    std::size_t size = 0;

    /// The text as a view.
    std::string_view view() const noexcept { return {data, size}; }
    /// The text as a string.
    std::string str() const { return {data, size}; }
};

/// One statement of a section as PostgreSQL's parser split it at build time: `size` bytes at
/// byte `offset` of the section's SQL, from its first token to its last (the comments around
/// it and the `;` left out).
struct StatementRange {
    std::uint32_t offset;
    std::uint32_t size;
};

/// One `-- upgrade` or `-- downgrade` section of a revision file.
struct Section {
    /// Empty for the generic section, else "sqlite" or "postgresql".
    const char* dialect;
    /// 1-based line of the revision file on which the section's SQL starts (the line after
    /// its `-- upgrade` / `-- downgrade` marker).
    std::uint32_t first_line;
    SqlText sql;
    /// Where PostgreSQL's parser split `sql` at build time, encoded in the blob (read it with
    /// Catalog::statements); null when the section was not split (it does not run on
    /// PostgreSQL, or the parser refused it).
    const unsigned char* split = nullptr;
};

/// A read-only array decoded from the catalog blob element by element (C++17 has no
/// std::span, and the blob holds offsets, not objects). Elements are returned by value.
template <typename T>
struct Array {
    /// The blob the elements' offsets refer to, and the first element's record.
    const unsigned char* blob = nullptr;
    const unsigned char* first = nullptr;
    std::size_t size = 0;
    /// Bytes per element when the elements have one size (revision indices); 0 when each is
    /// found by reading the ones before it (labels, sections: a revision has a few).
    std::size_t stride = 0;

    /// Element `i` (< size).
    T operator[](std::size_t i) const noexcept;
    bool empty() const noexcept { return size == 0; }

    /// An input iterator yielding the elements by value (it holds a copy of the array).
    struct iterator;
    iterator begin() const noexcept;
    iterator end() const noexcept;
};

template <typename T>
struct Array<T>::iterator {
    Array array;
    std::size_t index;
    T operator*() const noexcept { return array[index]; }
    iterator& operator++() noexcept {
        ++index;
        return *this;
    }
    bool operator==(const iterator& other) const noexcept { return index == other.index; }
    bool operator!=(const iterator& other) const noexcept { return index != other.index; }
};
template <typename T>
typename Array<T>::iterator Array<T>::begin() const noexcept {
    return {*this, 0};
}
template <typename T>
typename Array<T>::iterator Array<T>::end() const noexcept {
    return {*this, size};
}

/// Revision indices (parents, dependencies, by_id), in O(1).
template <>
std::uint32_t Array<std::uint32_t>::operator[](std::size_t i) const noexcept;
/// Strings (branch labels).
template <>
const char* Array<const char*>::operator[](std::size_t i) const noexcept;
/// Sections.
template <>
Section Array<Section>::operator[](std::size_t i) const noexcept;

/// One revision, decoded from the blob in O(1) without allocating: every pointer refers
/// into the catalog's blob, valid while the Catalog (or a copy of it) lives.
struct RevisionSpec {
    const char* id;
    const char* message;
    /// The `created` header, or "" when the file has none.
    const char* created;
    /// The revision file, relative to the consumer's source directory.
    const char* file;
    /// Indices (into the catalog) of the `down_revision` parents; empty for a root.
    Array<std::uint32_t> parents;
    /// Indices of the `depends_on` revisions.
    Array<std::uint32_t> depends_on;
    Array<const char*> branch_labels;
    Array<Section> upgrade;
    /// Empty when the revision is irreversible.
    Array<Section> downgrade;
    /// SHA-256 (64 lowercase hex digits) of the revision's effect on each dialect, indexed
    /// by Dialect: its parents and its normalised upgrade SQL for that dialect ("" when the
    /// dialect was not checked).
    const char* checksum[kDialectCount];
    /// False for `transactional: false`: the revision runs outside any transaction.
    bool transactional;
    /// True for `-- downgrade: irreversible`.
    bool irreversible;
    /// Where the revision's effect can be used only after a COMMIT (PostgreSQL `ALTER TYPE ...
    /// ADD VALUE`): bit `dialect` for its upgrade, bit `kDialectCount + dialect` for its
    /// downgrade. The runtime commits after such a revision whatever the transaction mode.
    std::uint32_t commit_after;
    /// True for a revision written in C++ (a `.cpp` file): it has no sections; its steps are
    /// Catalog::cpp_step's. `cpp_index` is its place in the catalog's table of steps.
    bool cpp;
    std::uint32_t cpp_index;
};

/// The revisions a binary knows, with lookups, read in place from a binary catalog (the
/// blob the generator serializes: docs/format.md). Cheap to construct and copy: nothing is
/// parsed, hashed or sorted; construction checks the header only.
class Catalog {
public:
    /// A catalog with no revisions and no dialect, named "".
    Catalog() noexcept;

    /// Reads the `size` bytes at `blob` (static storage, e.g. the generated array) in place.
    /// Throws Error(bad_catalog) when they are not a catalog (magic, size) or are of another
    /// format version than kCatalogFormatVersion, naming both versions.
    Catalog(const char* blob, std::size_t size);

    /// The same over storage `keep_alive` owns (catalogs serialized at run time: the
    /// developer verbs, tests, benchmarks).
    Catalog(const char* blob, std::size_t size, std::shared_ptr<const void> keep_alive);

    /// The same catalog with the table of C++ steps the generated code holds (2 per C++
    /// revision, in catalog order: upgrade then downgrade), static storage or kept alive by
    /// the caller. Catalogs without it (serialized by the tool) cannot run C++ revisions.
    Catalog with_cpp_steps(const CppStep* steps, std::size_t count) const noexcept;

    /// The function of a C++ revision's upgrade (or downgrade). Throws Error(bad_catalog) when
    /// the catalog has no table of steps (a catalog serialized by the tool, not compiled), or
    /// when the revision is not a C++ one or irreversible (for the downgrade).
    const CppStep& cpp_step(const RevisionSpec& revision, bool upgrade) const;

    /// True when the catalog holds its table of C++ steps (a generated catalog with C++
    /// revisions), so that it can run them, in a migration or in a replay (VERIFY, drift).
    bool has_cpp_steps() const noexcept { return cpp_steps_ != nullptr; }

    const char* name() const noexcept;
    std::size_t size() const noexcept { return size_; }
    /// Revision `index` (< size()), decoded in O(1).
    RevisionSpec operator[](std::size_t index) const noexcept;
    /// Indices of the revisions sorted by id (byte order), for binary search.
    Array<std::uint32_t> by_id() const noexcept;
    /// The blob the catalog reads.
    std::string_view blob() const noexcept { return {reinterpret_cast<const char*>(blob_), blob_size_}; }

    /// True when the generator checked the revisions for this dialect.
    bool supports(Dialect dialect) const noexcept;

    /// Index of the revision whose id is exactly `id`, or -1.
    std::ptrdiff_t find(std::string_view id) const noexcept;

    /// The upgrade section that runs on `dialect` (its dialect section, else the generic one),
    /// or nothing when the revision has none for it.
    static std::optional<Section> upgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept;
    /// The same for the downgrade; nothing also when the revision is irreversible.
    static std::optional<Section> downgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept;

    /// True when running `revision` up (or down) on `dialect` must be followed by a COMMIT
    /// before a later revision can use its effect (see RevisionSpec::commit_after).
    static bool commits_after(const RevisionSpec& revision, bool upgrade, Dialect dialect) noexcept;

    /// The statements of `section` as PostgreSQL's parser split it at build time, in order
    /// (none for a section without statements), or nothing when `section.split` is null.
    static std::optional<std::vector<StatementRange>> statements(const Section& section);

private:
    /// Offset of revision `index`'s record.
    std::uint32_t record(std::size_t index) const noexcept;

    const unsigned char* blob_;
    std::size_t blob_size_;
    std::size_t size_;
    /// From the header (catalog_format.hpp).
    std::uint32_t dialects_ = 0;
    std::uint32_t name_ = 0;
    std::uint32_t records_ = 0;
    std::uint32_t by_id_ = 0;
    std::uint8_t index_digits_ = 1;
    std::uint8_t offset_digits_ = 1;
    std::shared_ptr<const void> keep_alive_;
    const CppStep* cpp_steps_ = nullptr;
    std::size_t cpp_step_count_ = 0;
};

namespace detail {
/// The Catalog over a generated blob (static storage), made once per call and never freed:
/// what a generated accessor returns. Declared again, with the same signature, in every
/// generated source, which includes no header so that it compiles at the speed of its data.
/// Throws as Catalog(blob, size) does.
const Catalog& embedded_catalog(const char* blob, std::size_t size);
/// The same with the table of C++ steps (generated catalogs holding C++ revisions).
const Catalog& embedded_catalog(const char* blob, std::size_t size, const CppStep* steps, std::size_t step_count);

/// The main of a catalog's verify test (add_migrations(... VERIFY) with C++ revisions: the
/// `<NAME>_verify` executable CTest runs): replays every revision of `catalog` upgrade ->
/// downgrade -> upgrade on an in-memory SQLite, running the C++ steps with a Session, and
/// checks that each downgrade restores the schema its upgrade started from, as `migrations
/// verify` does for the SQL ones. Prints the `file:line: error: message` diagnostics on
/// `stderr`, or the summary on `stdout`. Arguments: `--source-root DIR` names the files as
/// DIR/<file> (the catalog's paths are relative to the consumer's source directory), so that
/// the diagnostics lead to the files from the test's working directory; `--help`.
/// Returns 0 when every revision verified, 1 on a verification failure (or when SQLite
/// itself fails), 2 on a usage error. Never throws.
int verify_catalog(const Catalog& catalog, int argc, const char* const* argv) noexcept;
}  // namespace detail

}  // namespace migrations
