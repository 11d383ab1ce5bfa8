// @brief A cheap fingerprint of a schema, and its model when the fingerprints differ.
#include "schema/snapshot.hpp"

#include "schema/sql_text.hpp"
#include "schema/sqlite_handle.hpp"

#include <algorithm>

namespace migrations::schema {

SchemaSnapshot take_snapshot(sqlite3* db, const IntrospectOptions& options) {
    SchemaSnapshot snapshot;
    Statement objects(
        db,
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master "
        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, name");
    while (objects.step()) {
        SnapshotObject object{objects.text(0), objects.text(1), objects.text(2), objects.text(3)};
        const bool excluded = std::any_of(options.excluded_tables.begin(), options.excluded_tables.end(),
                                          [&](const std::string& name) { return same_name(name, object.table); });
        if (!excluded) snapshot.objects.push_back(std::move(object));
    }
    return snapshot;
}

Schema model_of(const SchemaSnapshot& snapshot, const IntrospectOptions& options) {
    Database scratch;
    for (const SnapshotObject& object : snapshot.objects) execute(scratch.get(), object.sql);
    return introspect(scratch.get(), options);
}

}  // namespace migrations::schema
