// @brief A cheap fingerprint of a schema: the objects exactly as sqlite_schema stores them.
// VERIFY takes four per revision; only when two differ does it pay for full models, which a
// snapshot can still give by being replayed into a scratch database.
#pragma once

#include "schema/model.hpp"
#include "schema/sqlite_introspect.hpp"

#include <string>
#include <vector>

struct sqlite3;

namespace migrations::schema {

struct SnapshotObject {
    std::string type;  // "table", "index", "view" or "trigger"
    std::string name;
    std::string table;
    std::string sql;

    friend bool operator==(const SnapshotObject& a, const SnapshotObject& b) {
        return a.type == b.type && a.name == b.name && a.table == b.table && a.sql == b.sql;
    }
};

/// The objects introspect() would read (same exclusions), tables first, then views,
/// indexes and triggers, each by name. Equal snapshots are equal schemas; different
/// snapshots may still be equal models (column order, spelling): compare the models then.
struct SchemaSnapshot {
    std::vector<SnapshotObject> objects;

    friend bool operator==(const SchemaSnapshot& a, const SchemaSnapshot& b) { return a.objects == b.objects; }
    friend bool operator!=(const SchemaSnapshot& a, const SchemaSnapshot& b) { return !(a == b); }
};

/// Reads the snapshot of `db`'s main schema with one query. Throws SchemaError.
SchemaSnapshot take_snapshot(sqlite3* db, const IntrospectOptions& options = {});

/// The model of a snapshot: its statements run into a scratch in-memory database, which is
/// then introspected. Throws SchemaError when a statement fails there.
Schema model_of(const SchemaSnapshot& snapshot, const IntrospectOptions& options = {});

}  // namespace migrations::schema
