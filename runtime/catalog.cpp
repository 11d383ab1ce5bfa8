// @brief Catalog lookups over the generated static table.
#include <migrations/catalog.hpp>

#include <algorithm>
#include <cstring>

namespace migrations {

const char* dialect_name(Dialect dialect) noexcept {
    switch (dialect) {
        case Dialect::sqlite: return "sqlite";
        case Dialect::postgresql: return "postgresql";
    }
    return "unknown";
}

std::string SqlText::str() const {
    std::string text;
    for (const char* piece : pieces) text += piece;
    return text;
}

Catalog::Catalog(const CatalogSpec& spec) noexcept : spec_(&spec) {}

Catalog::Catalog(const CatalogSpec& spec, std::shared_ptr<const void> keep_alive) noexcept
    : spec_(&spec), keep_alive_(std::move(keep_alive)) {}

bool Catalog::supports(Dialect dialect) const noexcept {
    return (spec_->dialects >> static_cast<unsigned>(dialect)) & 1U;
}

std::ptrdiff_t Catalog::find(std::string_view id) const noexcept {
    const auto& by_id = spec_->by_id;
    const auto* it = std::lower_bound(by_id.begin(), by_id.end(), id, [&](std::uint32_t index, std::string_view key) {
        return std::string_view(spec_->revisions[index].id) < key;
    });
    if (it == by_id.end() || std::string_view(spec_->revisions[*it].id) != id) return -1;
    return static_cast<std::ptrdiff_t>(*it);
}

namespace {

const Section* pick(const Array<Section>& sections, Dialect dialect) noexcept {
    const Section* generic = nullptr;
    for (const Section& section : sections) {
        if (section.dialect[0] == '\0') {
            generic = &section;
        } else if (std::strcmp(section.dialect, dialect_name(dialect)) == 0) {
            return &section;
        }
    }
    return generic;
}

}  // namespace

const Section* Catalog::upgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept {
    return pick(revision.upgrade, dialect);
}

const Section* Catalog::downgrade_section(const RevisionSpec& revision, Dialect dialect) noexcept {
    if (revision.irreversible) return nullptr;
    return pick(revision.downgrade, dialect);
}

bool Catalog::commits_after(const RevisionSpec& revision, bool upgrade, Dialect dialect) noexcept {
    const unsigned bit = static_cast<unsigned>(dialect) + (upgrade ? 0U : static_cast<unsigned>(kDialectCount));
    return (revision.commit_after >> bit & 1U) != 0;
}

}  // namespace migrations
