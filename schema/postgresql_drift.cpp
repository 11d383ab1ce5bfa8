// @brief Drift detection on PostgreSQL: the live schema against the replayed revisions.
#include "schema/postgresql_drift.hpp"

#include "schema/drift.hpp"
#include "schema/postgresql_scratch.hpp"
#include "schema/postgresql_script.hpp"
#include "schema/sqlite_handle.hpp"

namespace migrations::schema {

std::vector<std::string> detect_postgresql_drift(PGconn* live, const std::vector<RevisionScript>& applied,
                                                 const PostgresqlIntrospectOptions& options) {
    const Schema actual = introspect_postgresql(live, options);
    ScratchDatabase expected(live);
    if (auto failure = replay_postgresql_upgrades(expected.get(), applied)) throw SchemaError(*failure);
    return describe_drift(introspect_postgresql(expected.get(), options), actual);
}

}  // namespace migrations::schema
