// @brief Catalog lookups, read in place from the binary catalog (catalog_format.hpp).
#include <algorithm>
#include <cstring>
#include <migrations/catalog.hpp>
#include <migrations/error.hpp>
#include <migrations/version.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "catalog_format.hpp"

namespace migrations {

namespace format = catalog_format;

static_assert(kCatalogFormatVersion == MIGRATIONS_CATALOG_FORMAT_VERSION,
              "CMakeLists.txt's MIGRATIONS_CATALOG_FORMAT_VERSION and catalog.hpp's kCatalogFormatVersion differ");

const char* dialect_name(Dialect dialect) noexcept {
    switch (dialect) {
        case Dialect::sqlite:
            return "sqlite";
        case Dialect::postgresql:
            return "postgresql";
    }
    return "unknown";
}

namespace {

std::uint32_t version_of(const unsigned char* bytes) noexcept {
    const unsigned char* at = bytes + format::kVersionAt;
    return static_cast<std::uint32_t>(at[0]) | static_cast<std::uint32_t>(at[1]) << 8U |
           static_cast<std::uint32_t>(at[2]) << 16U | static_cast<std::uint32_t>(at[3]) << 24U;
}

/// Header word `word` of a blob whose magic and version were checked.
std::uint64_t header(const unsigned char* blob, format::Header word) noexcept {
    format::Reader reader{blob, blob + format::kVersionAt + 4 + format::kHeaderDigits * word};
    return reader.fixed(format::kHeaderDigits);
}

const unsigned char* checked(const char* blob, std::size_t size) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(blob);
    if (size < format::kVersionAt + 4 || std::memcmp(bytes, format::kMagic, sizeof format::kMagic) != 0) {
        throw Error(ErrorKind::bad_catalog, "the compiled-in catalog is not a migrations catalog (bad magic or size)");
    }
    const std::uint32_t version = version_of(bytes);
    if (version != kCatalogFormatVersion) {
        throw Error(ErrorKind::bad_catalog,
                    "the compiled-in catalog has format version " + std::to_string(version) +
                        " but this runtime reads format version " + std::to_string(kCatalogFormatVersion) +
                        ": regenerate it with the migrations tool of the same release as the runtime");
    }
    if (size < format::kHeaderSize) {
        throw Error(ErrorKind::bad_catalog, "the compiled-in catalog is not a migrations catalog (bad magic or size)");
    }
    if (header(bytes, format::header_size) != size) {
        throw Error(ErrorKind::bad_catalog, "the compiled-in catalog is truncated: its header says " +
                                                std::to_string(header(bytes, format::header_size)) +
                                                " bytes, the array holds " + std::to_string(size));
    }
    return bytes;
}

/// Skips one section at the reader; returns it decoded.
Section read_section(format::Reader& reader) noexcept {
    Section section{};
    const std::uint32_t code = reader.varint();
    section.dialect = code == 0 ? "" : dialect_name(static_cast<Dialect>(code - 1));
    section.first_line = reader.varint();
    std::uint32_t size = 0;
    section.sql.data = reader.string(&size);
    section.sql.size = size;
    const unsigned char* split_at = reader.at;
    const std::uint32_t split = reader.varint();
    if (split != 0) section.split = split_at;
    reader.skip(split == 0 ? 0 : split - 1);
    return section;
}

/// Skips `count` string fields.
void skip_strings(format::Reader& reader, std::size_t count) noexcept {
    for (std::size_t k = 0; k < count; ++k) reader.string();
}

}  // namespace

template <>
std::uint32_t Array<std::uint32_t>::operator[](std::size_t i) const noexcept {
    format::Reader reader{blob, first + stride * i};
    return static_cast<std::uint32_t>(reader.fixed(stride));
}

template <>
const char* Array<const char*>::operator[](std::size_t i) const noexcept {
    format::Reader reader{blob, first};
    skip_strings(reader, i);
    return reader.string();
}

template <>
Section Array<Section>::operator[](std::size_t i) const noexcept {
    format::Reader reader{blob, first};
    for (std::size_t k = 0; k < i; ++k) read_section(reader);
    return read_section(reader);
}

Catalog::Catalog() noexcept : blob_(nullptr), blob_size_(0), size_(0) {}

Catalog::Catalog(const char* blob, std::size_t size)
    : blob_(checked(blob, size)),
      blob_size_(size),
      size_(header(blob_, format::header_revision_count)),
      dialects_(static_cast<std::uint32_t>(header(blob_, format::header_dialects))),
      name_(static_cast<std::uint32_t>(header(blob_, format::header_name))),
      records_(static_cast<std::uint32_t>(header(blob_, format::header_records))),
      by_id_(static_cast<std::uint32_t>(header(blob_, format::header_by_id))),
      index_digits_(static_cast<std::uint8_t>(header(blob_, format::header_index_digits))),
      offset_digits_(static_cast<std::uint8_t>(header(blob_, format::header_offset_digits))) {}

Catalog::Catalog(const char* blob, std::size_t size, std::shared_ptr<const void> keep_alive) : Catalog(blob, size) {
    keep_alive_ = std::move(keep_alive);
}

const char* Catalog::name() const noexcept {
    if (blob_ == nullptr) return "";
    format::Reader reader{blob_, blob_ + name_};
    return reader.string();
}

std::uint32_t Catalog::record(std::size_t index) const noexcept {
    format::Reader reader{blob_, blob_ + records_ + offset_digits_ * index};
    return static_cast<std::uint32_t>(reader.fixed(offset_digits_));
}

RevisionSpec Catalog::operator[](std::size_t index) const noexcept {
    format::Reader reader{blob_, blob_ + record(index)};
    RevisionSpec spec{};
    spec.id = reader.string();
    spec.message = reader.string();
    spec.created = reader.string();
    spec.file = reader.string();
    const std::uint32_t flags = reader.varint();
    spec.transactional = (flags & format::kTransactional) != 0;
    spec.irreversible = (flags & format::kIrreversible) != 0;
    spec.commit_after = reader.varint();
    for (Array<std::uint32_t>* list : {&spec.parents, &spec.depends_on}) {
        list->size = reader.varint();
        *list = {blob_, reader.at, list->size, index_digits_};
        reader.skip(index_digits_ * list->size);
    }
    spec.branch_labels.size = reader.varint();
    spec.branch_labels.blob = blob_;
    spec.branch_labels.first = reader.at;
    skip_strings(reader, spec.branch_labels.size);
    for (std::size_t d = 0; d < kDialectCount; ++d) spec.checksum[d] = reader.string();
    for (Array<Section>* sections : {&spec.upgrade, &spec.downgrade}) {
        sections->blob = blob_;
        sections->size = reader.varint();
        sections->first = reader.at;
        for (std::size_t k = 0; k < sections->size; ++k) read_section(reader);
    }
    return spec;
}

Array<std::uint32_t> Catalog::by_id() const noexcept {
    if (blob_ == nullptr) return {};
    return {blob_, blob_ + by_id_, size_, index_digits_};
}

const Catalog& detail::embedded_catalog(const char* blob, std::size_t size) {
    // Called once per accessor (the caller's static reference); reachable until exit.
    return *new Catalog(blob, size);
}

bool Catalog::supports(Dialect dialect) const noexcept {
    return (dialects_ >> static_cast<unsigned>(dialect) & 1U) != 0;
}

std::ptrdiff_t Catalog::find(std::string_view id) const noexcept {
    const Array<std::uint32_t> index = by_id();
    const auto id_of = [this](std::uint32_t i) {
        format::Reader reader{blob_, blob_ + record(i)};
        return reader.string();
    };
    std::size_t low = 0;
    std::size_t high = index.size;
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        if (std::string_view(id_of(index[mid])) < id) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    if (low == index.size || std::string_view(id_of(index[low])) != id) return -1;
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

namespace migrations {

std::optional<std::vector<StatementRange>> Catalog::statements(const Section& section) {
    if (section.split == nullptr) return std::nullopt;
    format::Reader reader{nullptr, section.split};
    const std::uint32_t bytes = reader.varint() - 1;
    const unsigned char* end = reader.at + bytes;
    std::vector<StatementRange> statements;
    std::uint32_t previous_end = 0;
    while (reader.at < end) {
        StatementRange range{};
        range.offset = previous_end + reader.varint();
        range.size = reader.varint();
        previous_end = range.offset + range.size;
        statements.push_back(range);
    }
    return statements;
}

}  // namespace migrations
