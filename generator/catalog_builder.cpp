// @brief Building an owned Catalog from parsed revisions, mirroring the generated table.
#include "catalog_builder.hpp"

#include <deque>
#include <memory>
#include <vector>

namespace migrations::generator {
namespace {

/// Everything the CatalogSpec points into. Deques keep their elements in place as they grow.
struct Storage {
    CatalogSpec spec{};
    std::deque<std::string> strings;
    std::deque<std::vector<const char*>> string_lists;
    std::deque<std::vector<std::uint32_t>> index_lists;
    std::deque<std::vector<Section>> section_lists;
    std::vector<RevisionSpec> revisions;

    const char* keep(std::string text) { return strings.emplace_back(std::move(text)).c_str(); }

    template <typename T>
    static Array<T> view(const std::vector<T>& values) {
        return values.empty() ? Array<T>{} : Array<T>{values.data(), values.size()};
    }

    Array<std::uint32_t> indices(const std::vector<std::uint32_t>& values) {
        return view(index_lists.emplace_back(values));
    }

    Array<Section> sections(const RevisionSet& set, const std::vector<SectionText>& texts) {
        std::vector<Section>& list = section_lists.emplace_back();
        for (const SectionText& text : texts) {
            if (text.dialect && !((set.dialects >> static_cast<unsigned>(*text.dialect)) & 1U)) continue;
            std::vector<const char*>& pieces = string_lists.emplace_back(1, keep(text.sql));
            Section section{};
            section.dialect = text.dialect ? dialect_name(*text.dialect) : "";
            section.first_line = text.first_line;
            section.sql.pieces = view(pieces);
            list.push_back(section);
        }
        return view(list);
    }
};

}  // namespace

Catalog make_catalog(const RevisionSet& set, const std::string& name) {
    auto storage = std::make_shared<Storage>();
    storage->revisions.reserve(set.revisions.size());
    for (std::size_t i = 0; i < set.revisions.size(); ++i) {
        const RevisionFile& file = set.revisions[i];
        RevisionSpec spec{};
        spec.id = storage->keep(file.id);
        spec.message = storage->keep(file.message);
        spec.created = storage->keep(file.created);
        spec.file = storage->keep(file.relative_path);
        spec.parents = storage->indices(set.parents[i]);
        spec.depends_on = storage->indices(set.depends_on[i]);
        std::vector<const char*>& labels = storage->string_lists.emplace_back();
        for (const NamedRef& label : file.branch_labels) labels.push_back(storage->keep(label.name));
        spec.branch_labels = Storage::view(labels);
        spec.upgrade = storage->sections(set, file.upgrade);
        spec.downgrade = storage->sections(set, file.downgrade);
        for (std::size_t d = 0; d < kDialectCount; ++d) spec.checksum[d] = storage->keep(set.checksums[i][d]);
        spec.transactional = file.transactional;
        spec.irreversible = file.irreversible;
        spec.commit_after = file.commit_after;
        storage->revisions.push_back(spec);
    }
    storage->spec.name = storage->keep(name);
    storage->spec.revisions = Storage::view(storage->revisions);
    storage->spec.by_id = storage->indices(set.by_id);
    storage->spec.dialects = set.dialects;
    const CatalogSpec& spec = storage->spec;
    return Catalog(spec, std::shared_ptr<const void>(std::move(storage)));
}

}  // namespace migrations::generator
