// @brief The PostgreSQL backend's drift check: the live schema against the schema the applied
// revisions produce when replayed in a scratch database on the same server.
#include "postgresql/postgresql_backend.hpp"

#include "catalog_scripts.hpp"
#include "schema/postgresql_drift.hpp"
#include "schema/sqlite_handle.hpp"

#include <migrations/error.hpp>

namespace migrations::detail {

std::vector<std::string> PostgresqlBackend::schema_drift(const Catalog& catalog,
                                                         const std::vector<std::size_t>& applied,
                                                         const std::vector<std::string>& exclude) {
    schema::PostgresqlIntrospectOptions options;
    options.excluded_tables = {table_.table()};
    options.excluded_patterns = exclude;
    try {
        return schema::detect_postgresql_drift(connection_, detail::scripts_of(catalog, applied, Dialect::postgresql),
                                               options);
    } catch (const schema::SchemaError& error) {
        throw Error(ErrorKind::database, std::string("cannot compare the schema with the revisions: ") + error.what());
    }
}

}  // namespace migrations::detail
