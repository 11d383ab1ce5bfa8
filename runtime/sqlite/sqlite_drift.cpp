// @brief The SQLite backend's drift check: the live schema against the schema the applied
// revisions produce when replayed on an in-memory database (schema/drift.hpp).
#include "sqlite/sqlite_backend.hpp"

#include "catalog_scripts.hpp"
#include "schema/drift.hpp"
#include "schema/sqlite_handle.hpp"

#include <migrations/error.hpp>

namespace migrations::detail {

std::vector<std::string> SqliteBackend::schema_drift(const Catalog& catalog, const std::vector<std::size_t>& applied,
                                                     const std::vector<std::string>& exclude) {
    schema::IntrospectOptions options;
    options.excluded_tables = {version_table_};
    options.excluded_patterns = exclude;
    try {
        return schema::detect_drift(db_, detail::scripts_of(catalog, applied), options);
    } catch (const schema::SchemaError& error) {
        throw Error(ErrorKind::database, std::string("cannot compare the schema with the revisions: ") + error.what());
    }
}

}  // namespace migrations::detail
