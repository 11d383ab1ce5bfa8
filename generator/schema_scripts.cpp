// @brief A RevisionSet as the schema engines' RevisionScripts, and build-time verification.
#include "schema_scripts.hpp"

#include "schema/sqlite_handle.hpp"
#include "schema/verify.hpp"

namespace migrations::generator {
namespace {

schema::RevisionSection section_of(const std::vector<SectionText>& sections) {
    const SectionText* section = effective_section(sections, Dialect::sqlite);
    if (section == nullptr) return {};
    return {section->sql, section->first_line, section->marker_line};
}

}  // namespace

std::vector<schema::RevisionScript> sqlite_scripts(const RevisionSet& set) {
    std::vector<schema::RevisionScript> scripts;
    scripts.reserve(set.revisions.size());
    for (const RevisionFile& revision : set.revisions) {
        schema::RevisionScript script;
        script.id = revision.id;
        script.file = revision.path;
        script.upgrade = section_of(revision.upgrade);
        script.downgrade = section_of(revision.downgrade);
        script.irreversible = revision.irreversible;
        scripts.push_back(std::move(script));
    }
    return scripts;
}

std::vector<std::string> verify_sqlite(const RevisionSet& set) {
    try {
        return schema::verify_revisions(sqlite_scripts(set));
    } catch (const schema::SchemaError& error) {
        const std::string where = set.revisions.empty() ? std::string("migrations") : set.revisions.front().path;
        return {where + ":1: error: verification stopped: " + error.what()};
    }
}

}  // namespace migrations::generator
