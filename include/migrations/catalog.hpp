// @brief The revisions compiled into a binary: the static table the generator emits, and
// the Catalog that the runtime plans over.
//
// The generator (`migrations generate`, run by add_migrations) writes one RevisionSpec per
// revision file into a generated .cpp, in topological order (parents before children), with
// parents and dependencies already resolved to indices and an index sorted by id. Nothing is
// parsed, hashed or sorted when the binary starts: a Catalog only points at that table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace migrations {

/// The SQL dialects a revision can carry sections for.
enum class Dialect : std::uint8_t { sqlite = 0, postgresql = 1 };

/// Number of Dialect values; arrays indexed by Dialect have this size.
inline constexpr std::size_t kDialectCount = 2;

/// "sqlite" or "postgresql".
const char* dialect_name(Dialect dialect) noexcept;

/// A read-only array view over the static table (C++17 has no std::span).
template <typename T>
struct Array {
    const T* data = nullptr;
    std::size_t size = 0;

    const T* begin() const noexcept { return data; }
    const T* end() const noexcept { return data + size; }
    const T& operator[](std::size_t i) const noexcept { return data[i]; }
    bool empty() const noexcept { return size == 0; }
};

/// SQL text as emitted: pieces of at most 16 KB each (the limit of one string literal on
/// some compilers), to be joined in order.
struct SqlText {
    Array<const char*> pieces;

    /// The whole text, pieces joined.
    std::string str() const;
};

/// One `-- upgrade` or `-- downgrade` section of a revision file.
struct Section {
    /// Empty for the generic section, else "sqlite" or "postgresql".
    const char* dialect;
    /// 1-based line of the revision file on which the section's SQL starts.
    std::uint32_t first_line;
    SqlText sql;
};

/// One revision, as the generator emits it. Every pointer refers to static storage (or to
/// storage the owning Catalog keeps alive).
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
    /// by Dialect: its parents and its normalised upgrade SQL for that dialect.
    const char* checksum[kDialectCount];
    /// False for `transactional: false`: the revision runs outside any transaction.
    bool transactional;
    /// True for `-- downgrade: irreversible`.
    bool irreversible;
    /// Where the revision's effect can be used only after a COMMIT (PostgreSQL `ALTER TYPE ...
    /// ADD VALUE`): bit `dialect` for its upgrade, bit `kDialectCount + dialect` for its
    /// downgrade. The runtime commits after such a revision whatever the transaction mode.
    std::uint32_t commit_after;
};

/// The table of one catalog, as the generator emits it.
struct CatalogSpec {
    /// The catalog's name (add_migrations' NAME), used in messages.
    const char* name;
    /// All revisions in topological order: every parent and dependency before its children.
    Array<RevisionSpec> revisions;
    /// Indices of `revisions` sorted by id (byte order), for binary search.
    Array<std::uint32_t> by_id;
    /// Bit i set when the generator checked the revisions for Dialect i.
    std::uint32_t dialects;
};

/// The revisions a binary knows, with lookups. Cheap to construct and copy: it refers to
/// a CatalogSpec and, for catalogs built at run time, shares ownership of their storage.
class Catalog {
public:
    /// Wraps a generated static table. Does not copy or validate it (the generator did).
    explicit Catalog(const CatalogSpec& spec) noexcept;

    /// Wraps a table whose storage `keep_alive` owns (used by the developer command, which
    /// parses revision files at run time).
    Catalog(const CatalogSpec& spec, std::shared_ptr<const void> keep_alive) noexcept;

    const char* name() const noexcept { return spec_->name; }
    std::size_t size() const noexcept { return spec_->revisions.size; }
    const RevisionSpec& operator[](std::size_t index) const noexcept { return spec_->revisions[index]; }
    const CatalogSpec& spec() const noexcept { return *spec_; }

    /// True when the generator checked the revisions for this dialect.
    bool supports(Dialect dialect) const noexcept;

    /// Index of the revision whose id is exactly `id`, or -1.
    std::ptrdiff_t find(std::string_view id) const noexcept;

    /// The upgrade section that runs on `dialect` (its dialect section, else the generic one),
    /// or nullptr when the revision has none for it.
    static const Section* upgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept;
    /// The same for the downgrade; nullptr also when the revision is irreversible.
    static const Section* downgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept;

    /// True when running `revision` up (or down) on `dialect` must be followed by a COMMIT
    /// before a later revision can use its effect (see RevisionSpec::commit_after).
    static bool commits_after(const RevisionSpec& revision, bool upgrade, Dialect dialect) noexcept;

private:
    const CatalogSpec* spec_;
    std::shared_ptr<const void> keep_alive_;
};

}  // namespace migrations
