// @brief A Catalog's revisions as the schema engines' scripts.
#include "catalog_scripts.hpp"

#include "sqlite/sqlite_session.hpp"

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

schema::RevisionScript script_of(const Catalog& catalog, std::size_t index, Dialect dialect, std::string file) {
    const RevisionSpec revision = catalog[index];
    schema::RevisionScript script = script_of(revision, dialect, std::move(file));
    if (!revision.cpp || dialect != Dialect::sqlite || !catalog.has_cpp_steps()) return script;
    // The section's line is the macro's: a downgrade that does not restore the schema is
    // reported there.
    const auto step = [&](bool upgrade, schema::RevisionSection& section) {
        const CppStep& cpp = catalog.cpp_step(revision, upgrade);
        section.first_line = cpp.line;
        section.marker_line = cpp.line;
        const Direction direction = upgrade ? Direction::upgrade : Direction::downgrade;
        // A copy of the catalog keeps the blob the revision is read from alive (a catalog
        // serialized at run time owns it) for as long as the script lives.
        section.cpp_step = [catalog, index, cpp, direction](sqlite3* db) {
            return run_cpp_step_on(db, catalog[index], cpp, direction);
        };
    };
    step(true, script.upgrade);
    if (!revision.irreversible) step(false, script.downgrade);
    return script;
}

std::vector<schema::RevisionScript> scripts_of(const Catalog& catalog, const std::vector<std::size_t>& indices,
                                               Dialect dialect) {
    std::vector<schema::RevisionScript> scripts;
    scripts.reserve(indices.size());
    for (std::size_t index : indices) {
        scripts.push_back(script_of(catalog, index, dialect, catalog[index].file));
    }
    return scripts;
}

std::vector<schema::RevisionScript> scripts_of(const Catalog& catalog, Dialect dialect,
                                               const std::vector<std::string>& files) {
    std::vector<schema::RevisionScript> scripts;
    scripts.reserve(catalog.size());
    for (std::size_t i = 0; i < catalog.size(); ++i) scripts.push_back(script_of(catalog, i, dialect, files.at(i)));
    return scripts;
}

}  // namespace migrations::detail
