// @brief A Catalog's revisions as the schema engines' scripts.
#include "catalog_scripts.hpp"

namespace migrations::detail {

schema::RevisionScript script_of(const RevisionSpec& revision, Dialect dialect, std::string file) {
    schema::RevisionScript script;
    script.id = revision.id;
    script.file = std::move(file);
    if (const auto upgrade = Catalog::upgrade_section(revision, dialect))
        script.upgrade = {upgrade->sql.str(), upgrade->first_line, upgrade->first_line - 1};
    if (const auto downgrade = Catalog::downgrade_section(revision, dialect))
        script.downgrade = {downgrade->sql.str(), downgrade->first_line, downgrade->first_line - 1};
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
