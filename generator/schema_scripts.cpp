// @brief A RevisionSet as the schema engines' RevisionScripts (through the catalog and the
// runtime's one adapter), and build-time verification.
#include "schema_scripts.hpp"

#include <cstdlib>

#include "catalog_builder.hpp"
#include "catalog_scripts.hpp"
#include "schema/sqlite_handle.hpp"
#include "schema/verify.hpp"

namespace migrations::generator {
std::vector<schema::RevisionScript> sqlite_scripts(const RevisionSet& set) { return scripts_for(set, Dialect::sqlite); }

PostgresqlVerifier& postgresql_verifier() {
    static PostgresqlVerifier verifier = nullptr;
    return verifier;
}

PostgresqlAutogenerator& postgresql_autogenerator() {
    static PostgresqlAutogenerator autogenerator = nullptr;
    return autogenerator;
}

std::string verify_database_url(const std::string& value) {
    if (value.find("://") != std::string::npos || value.find('=') != std::string::npos) return value;
    const char* variable = value.empty() ? nullptr : std::getenv(value.c_str());
    return variable == nullptr ? std::string() : std::string(variable);
}

std::optional<std::vector<std::string>> verify_postgresql(const RevisionSet& set, const std::string& value,
                                                          std::ostream& out) {
    const std::string url = verify_database_url(value);
    if (url.empty()) {
        out << "VERIFY on PostgreSQL skipped: "
            << (value.empty() ? std::string("no database URL given") : "environment variable " + value + " is not set")
            << " (SQLite is still verified when asked)\n";
        return std::nullopt;
    }
    const std::string where = set.revisions.empty() ? std::string("migrations") : set.revisions.front().path;
    if (postgresql_verifier() == nullptr)
        return std::vector<std::string>{where +
                                        ":1: error: cannot verify on PostgreSQL: this migrations tool was built "
                                        "without the PostgreSQL backend"};
    return postgresql_verifier()(scripts_for(set, Dialect::postgresql), url);
}

std::vector<schema::RevisionScript> scripts_for(const RevisionSet& set, Dialect dialect) {
    std::vector<std::string> files;
    files.reserve(set.revisions.size());
    for (const RevisionFile& revision : set.revisions) files.push_back(revision.path);
    return detail::scripts_of(make_catalog(set, "migrations"), dialect, files);
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
