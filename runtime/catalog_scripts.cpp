// @brief A Catalog's revisions as the schema engines' scripts.
#include "catalog_scripts.hpp"

namespace migrations::detail {

namespace {

schema::RevisionSection section_of(const Section& section) {
    schema::RevisionSection script{section.sql.str(), section.first_line, section.first_line - 1};
    if (const auto statements = Catalog::statements(section)) {
        script.statements.emplace();
        script.statements->reserve(statements->size());
        for (const StatementRange& range : *statements) script.statements->emplace_back(range.offset, range.size);
    }
    return script;
}

}  // namespace

schema::RevisionScript script_of(const RevisionSpec& revision, Dialect dialect, std::string file) {
    schema::RevisionScript script;
    script.id = revision.id;
    script.file = std::move(file);
    if (const auto upgrade = Catalog::upgrade_section(revision, dialect)) script.upgrade = section_of(*upgrade);
    if (const auto downgrade = Catalog::downgrade_section(revision, dialect)) script.downgrade = section_of(*downgrade);
    script.irreversible = revision.irreversible;
    return script;
}

std::vector<schema::RevisionScript> scripts_of(const Catalog& catalog, const std::vector<std::size_t>& indices,
                                               Dialect dialect) {
    std::vector<schema::RevisionScript> scripts;
    scripts.reserve(indices.size());
    for (std::size_t index : indices) {
        const RevisionSpec revision = catalog[index];
        scripts.push_back(script_of(revision, dialect, revision.file));
    }
    return scripts;
}

std::vector<schema::RevisionScript> scripts_of(const Catalog& catalog, Dialect dialect,
                                               const std::vector<std::string>& files) {
    std::vector<schema::RevisionScript> scripts;
    scripts.reserve(catalog.size());
    for (std::size_t i = 0; i < catalog.size(); ++i) scripts.push_back(script_of(catalog[i], dialect, files.at(i)));
    return scripts;
}

}  // namespace migrations::detail
