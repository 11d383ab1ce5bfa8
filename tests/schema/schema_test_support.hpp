// @brief Helpers shared by the schema suites: a schema from DDL text, row counts, and the
// revision files of a directory read into RevisionScript (a minimal reader for tests; the
// generator's parser is the real one).
#pragma once

#include "schema/script.hpp"
#include "schema/sqlite_handle.hpp"
#include "schema/sqlite_introspect.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace migrations::schema::testing {

/// An in-memory database holding `ddl`.
inline Database database_with(const std::string& ddl) {
    Database db;
    execute(db.get(), ddl);
    return db;
}

/// The schema `ddl` creates.
inline Schema schema_of(const std::string& ddl) {
    const Database db = database_with(ddl);
    return introspect(db.get());
}

/// The number of rows of `table`.
inline long long count_rows(sqlite3* db, const std::string& table) {
    Statement statement(db, "SELECT count(*) FROM \"" + table + "\"");
    statement.step();
    return statement.integer(0);
}

/// Reads one revision file: `-- revision:` and `-- down_revision:` headers (the parent is
/// stored in `parent`), `-- upgrade` and `-- downgrade` markers, and their `: sqlite` variants,
/// which replace the generic sections; sections of other dialects are skipped.
inline RevisionScript read_revision_file(const std::filesystem::path& path, std::string& parent) {
    std::ifstream in(path);
    RevisionScript revision;
    revision.file = path.filename().string();
    RevisionSection sqlite_upgrade;
    RevisionSection sqlite_downgrade;
    RevisionSection skipped;
    RevisionSection* section = nullptr;
    std::string line;
    for (std::uint32_t number = 1; std::getline(in, line); ++number) {
        RevisionSection* next = nullptr;
        if (line.rfind("-- revision: ", 0) == 0) {
            revision.id = line.substr(13);
        } else if (line.rfind("-- down_revision: ", 0) == 0) {
            parent = line.substr(18);
        } else if (line == "-- downgrade: irreversible") {
            revision.irreversible = true;
            section = nullptr;
        } else if (line == "-- upgrade" || line == "-- downgrade") {
            next = line == "-- upgrade" ? &revision.upgrade : &revision.downgrade;
        } else if (line == "-- upgrade: sqlite" || line == "-- downgrade: sqlite") {
            next = line == "-- upgrade: sqlite" ? &sqlite_upgrade : &sqlite_downgrade;
        } else if (line.rfind("-- upgrade: ", 0) == 0 || line.rfind("-- downgrade: ", 0) == 0) {
            next = &skipped;
        } else if (section != nullptr) {
            section->sql += line + "\n";
        }
        if (next != nullptr) {
            section = next;
            section->marker_line = number;
            section->first_line = number + 1;
        }
    }
    if (sqlite_upgrade.marker_line != 0) revision.upgrade = sqlite_upgrade;
    if (sqlite_downgrade.marker_line != 0) revision.downgrade = sqlite_downgrade;
    return revision;
}

/// Every revision file of `directory`, in chain order (each one's parent before it); test
/// chains are linear.
inline std::vector<RevisionScript> read_revision_chain(const std::filesystem::path& directory) {
    std::vector<std::pair<std::string, RevisionScript>> files;  // {parent, revision}
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.path().extension() != ".sql") continue;
        std::string parent;
        RevisionScript revision = read_revision_file(entry.path(), parent);
        files.emplace_back(parent, std::move(revision));
    }
    std::vector<RevisionScript> chain;
    std::string head = "none";
    while (true) {
        const auto next =
            std::find_if(files.begin(), files.end(), [&](const auto& file) { return file.first == head; });
        if (next == files.end()) break;
        head = next->second.id;
        chain.push_back(next->second);
    }
    return chain;
}

}  // namespace migrations::schema::testing
