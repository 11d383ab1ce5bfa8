// @brief `migrations autogenerate`: the revision that takes the schema the revisions build
// to the schema a DDL file describes, in both directions.
#pragma once

#include "schema/script.hpp"
#include "schema/sqlite_introspect.hpp"

#include <string>
#include <vector>

namespace migrations::schema {

struct AutogenerateResult {
    /// `file:line: error: message` for a revision or a desired-schema statement that fails;
    /// when not empty, the other fields are empty.
    std::vector<std::string> diagnostics;
    /// True when the revisions already produce the desired schema (`--check` passes).
    bool nothing_to_do = false;
    /// The `-- upgrade` section: SQL from the revisions' schema to the desired one, with a
    /// "-- NOTE:" comment before each drop-and-add pair that may be a rename.
    std::string upgrade;
    /// The `-- downgrade` section: back to the revisions' schema.
    std::string downgrade;
    /// The possible renames (as in the comments), for the tool to print.
    std::vector<std::string> notes;
    /// One line per difference between the revisions' schema and the desired one, as
    /// describe() words it ("add table 'todos' column 'priority' (...)"), for
    /// `--check`; views and triggers recreated only because a table they use changes are left out.
    std::vector<std::string> changes;
};

/// Replays the upgrades of `revisions` (in application order) into an in-memory database,
/// runs `desired_ddl` (plain CREATE statements, read from `desired_file`, which names it in
/// diagnostics) into another, and renders the difference. Throws SchemaError only when
/// SQLite itself fails.
AutogenerateResult autogenerate(const std::vector<RevisionScript>& revisions, const std::string& desired_ddl,
                                const std::string& desired_file, const IntrospectOptions& options = {});

}  // namespace migrations::schema
