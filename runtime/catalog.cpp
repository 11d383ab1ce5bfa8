// @brief Catalog lookups, read in place from the binary catalog (catalog_format.hpp).
#include <migrations/catalog.hpp>
#include <migrations/error.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>

#include "catalog_format.hpp"

namespace migrations {

namespace format = catalog_format;
using detail::word;

const char* dialect_name(Dialect dialect) noexcept {
    switch (dialect) {
        case Dialect::sqlite: return "sqlite";
        case Dialect::postgresql: return "postgresql";
    }
    return "unknown";
}

namespace {

/// A catalog with no revisions, for Catalog(): the header alone, name "" at its last byte.
constexpr unsigned char kEmpty[format::header_words * 4 + 1] = {
    'M', 'G', 'R', 'C', kCatalogFormatVersion, 0, 0, 0, format::header_words * 4 + 1, 0, 0, 0, 0, 0, 0, 0,
    0,   0,   0,   0,   format::header_words * 4, 0, 0, 0, format::header_words * 4, 0, 0, 0,
    format::header_words * 4, 0, 0, 0, 0};

const unsigned char* checked(const char* blob, std::size_t size) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(blob);
    if (size < format::header_words * 4 || std::memcmp(bytes, format::kMagic, sizeof format::kMagic) != 0) {
        throw Error(ErrorKind::bad_catalog, "the compiled-in catalog is not a migrations catalog (bad magic or size)");
    }
    const std::uint32_t version = word(bytes + 4 * format::header_version);
    if (version != kCatalogFormatVersion) {
        throw Error(ErrorKind::bad_catalog,
                    "the compiled-in catalog has format version " + std::to_string(version) +
                        " but this runtime reads format version " + std::to_string(kCatalogFormatVersion) +
                        ": regenerate it with the migrations tool of the same release as the runtime");
    }
    if (word(bytes + 4 * format::header_size) != size) {
        throw Error(ErrorKind::bad_catalog, "the compiled-in catalog is truncated: its header says " +
                                                std::to_string(word(bytes + 4 * format::header_size)) +
                                                " bytes, the array holds " + std::to_string(size));
    }
    return bytes;
}

const char* text_at(const unsigned char* blob, std::uint32_t offset) noexcept {
    return reinterpret_cast<const char*>(blob + offset);
}

}  // namespace

template <>
Section Array<Section>::operator[](std::size_t i) const noexcept {
    const unsigned char* record = first + 4 * format::section_words * i;
    const std::uint32_t code = word(record + 4 * format::section_dialect);
    return Section{code == 0 ? "" : dialect_name(static_cast<Dialect>(code - 1)),
                   word(record + 4 * format::section_first_line),
                   SqlText{text_at(blob, word(record + 4 * format::section_sql)),
                           word(record + 4 * format::section_sql_size)}};
}

Catalog::Catalog() noexcept : blob_(kEmpty), blob_size_(sizeof kEmpty), size_(0) {}

Catalog::Catalog(const char* blob, std::size_t size)
    : blob_(checked(blob, size)), blob_size_(size), size_(word(blob_ + 4 * format::header_revision_count)) {}

Catalog::Catalog(const char* blob, std::size_t size, std::shared_ptr<const void> keep_alive)
    : Catalog(blob, size) {
    keep_alive_ = std::move(keep_alive);
}

const char* Catalog::name() const noexcept { return text_at(blob_, word(blob_ + 4 * format::header_name)); }

RevisionSpec Catalog::operator[](std::size_t index) const noexcept {
    const unsigned char* r =
        blob_ + word(blob_ + 4 * format::header_revisions) + 4 * format::revision_words * index;
    const auto at = [&](format::Revision w) { return word(r + 4 * w); };
    const auto list = [&](format::Revision offset, format::Revision count) {
        return std::make_tuple(blob_, blob_ + at(offset), static_cast<std::size_t>(at(count)));
    };
    RevisionSpec spec{};
    spec.id = text_at(blob_, at(format::revision_id));
    spec.message = text_at(blob_, at(format::revision_message));
    spec.created = text_at(blob_, at(format::revision_created));
    spec.file = text_at(blob_, at(format::revision_file));
    std::tie(spec.parents.blob, spec.parents.first, spec.parents.size) =
        list(format::revision_parents, format::revision_parent_count);
    std::tie(spec.depends_on.blob, spec.depends_on.first, spec.depends_on.size) =
        list(format::revision_depends_on, format::revision_depends_on_count);
    std::tie(spec.branch_labels.blob, spec.branch_labels.first, spec.branch_labels.size) =
        list(format::revision_labels, format::revision_label_count);
    std::tie(spec.upgrade.blob, spec.upgrade.first, spec.upgrade.size) =
        list(format::revision_upgrade, format::revision_upgrade_count);
    std::tie(spec.downgrade.blob, spec.downgrade.first, spec.downgrade.size) =
        list(format::revision_downgrade, format::revision_downgrade_count);
    for (std::size_t d = 0; d < kDialectCount; ++d) {
        spec.checksum[d] = text_at(blob_, word(r + 4 * (format::revision_checksum + d)));
    }
    const std::uint32_t flags = at(format::revision_flags);
    spec.transactional = (flags & format::kTransactional) != 0;
    spec.irreversible = (flags & format::kIrreversible) != 0;
    spec.commit_after = at(format::revision_commit_after);
    spec.cpp = (flags & format::kCpp) != 0;
    spec.cpp_index = flags >> format::kCppIndexShift;
    return spec;
}

Array<std::uint32_t> Catalog::by_id() const noexcept {
    return {blob_, blob_ + word(blob_ + 4 * format::header_by_id), size_};
}

const Catalog& detail::embedded_catalog(const char* blob, std::size_t size) {
    // Called once per accessor (the caller's static reference); reachable until exit.
    return *new Catalog(blob, size);
}

const Catalog& detail::embedded_catalog(const char* blob, std::size_t size, const CppStep* steps,
                                        std::size_t step_count) {
    return *new Catalog(Catalog(blob, size).with_cpp_steps(steps, step_count));
}

Catalog Catalog::with_cpp_steps(const CppStep* steps, std::size_t count) const noexcept {
    Catalog copy(*this);
    copy.cpp_steps_ = steps;
    copy.cpp_step_count_ = count;
    return copy;
}

const CppStep& Catalog::cpp_step(const RevisionSpec& revision, bool upgrade) const {
    const std::string where = std::string("revision ") + revision.id + " (" + revision.file + ")";
    if (!revision.cpp)
        throw Error(ErrorKind::bad_catalog, where + " is not a C++ revision", revision.id, revision.file);
    const std::size_t at = 2 * static_cast<std::size_t>(revision.cpp_index) + (upgrade ? 0 : 1);
    if (at >= cpp_step_count_) {
        throw Error(ErrorKind::bad_catalog,
                    where +
                        " is written in C++, and this catalog holds no function for it: only the catalog "
                        "add_migrations() compiles into the program can run it (not one the migrations tool reads)",
                    revision.id, revision.file);
    }
    if (cpp_steps_[at].run == nullptr) {
        throw Error(ErrorKind::irreversible, where + " is irreversible", revision.id, revision.file);
    }
    return cpp_steps_[at];
}

bool Catalog::supports(Dialect dialect) const noexcept {
    return (word(blob_ + 4 * format::header_dialects) >> static_cast<unsigned>(dialect)) & 1U;
}

std::ptrdiff_t Catalog::find(std::string_view id) const noexcept {
    const Array<std::uint32_t> index = by_id();
    std::size_t low = 0;
    std::size_t high = index.size;
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        if (std::string_view((*this)[index[mid]].id) < id) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    if (low == index.size || std::string_view((*this)[index[low]].id) != id) return -1;
    return static_cast<std::ptrdiff_t>(index[low]);
}

namespace {

std::optional<Section> pick(const Array<Section>& sections, Dialect dialect) noexcept {
    std::optional<Section> generic;
    for (const Section section : sections) {
        if (section.dialect[0] == '\0') {
            generic = section;
        } else if (std::strcmp(section.dialect, dialect_name(dialect)) == 0) {
            return section;
        }
    }
    return generic;
}

}  // namespace

std::optional<Section> Catalog::upgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept {
    return pick(revision.upgrade, dialect);
}

std::optional<Section> Catalog::downgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept {
    if (revision.irreversible) return std::nullopt;
    return pick(revision.downgrade, dialect);
}

bool Catalog::commits_after(const RevisionSpec& revision, bool upgrade, Dialect dialect) noexcept {
    const unsigned bit = static_cast<unsigned>(dialect) + (upgrade ? 0U : static_cast<unsigned>(kDialectCount));
    return (revision.commit_after >> bit & 1U) != 0;
}

}  // namespace migrations
