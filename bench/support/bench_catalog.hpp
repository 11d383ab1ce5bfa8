// @brief The catalog both runtime benchmarks use, built in memory the way the generator's
// static table stores it: n linear revisions, each a CREATE TABLE and an INSERT.
#pragma once

#include <migrations/migrations.hpp>

#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace migrations_bench {

// A catalog shaped as the generator emits it: n linear revisions, each a CREATE TABLE and an
// INSERT, with the storage the static table would have.
struct BenchCatalog {
    std::deque<std::string> strings;
    std::vector<std::uint32_t> parents;
    std::vector<const char*> pieces;
    std::vector<migrations::Section> upgrades;
    std::vector<migrations::Section> downgrades;
    std::vector<migrations::RevisionSpec> revisions;
    std::vector<std::uint32_t> by_id;
    migrations::CatalogSpec spec{};
    std::string all_sql;  // the upgrade SQL of every revision, for the one-transaction floors

    /// `id_column` is the type of each table's key: "INTEGER PRIMARY KEY" (SQLite) or
    /// "SERIAL PRIMARY KEY" (PostgreSQL).
    BenchCatalog(int n, const std::string& id_column) {
        parents.resize(static_cast<std::size_t>(n));
        pieces.resize(static_cast<std::size_t>(2 * n));
        upgrades.resize(static_cast<std::size_t>(n));
        downgrades.resize(static_cast<std::size_t>(n));
        revisions.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            const auto k = static_cast<std::size_t>(i);
            char id[16];
            std::snprintf(id, sizeof id, "%012x", 0xa00000 + i);
            const std::string table = "t_" + std::string(id);
            const std::string& up = strings.emplace_back("CREATE TABLE " + table + " (id " + id_column + ", name TEXT);\n"
                                                         "INSERT INTO " + table + " (name) VALUES ('row of " + id + "');\n");
            all_sql += up;
            pieces[2 * k] = up.c_str();
            pieces[2 * k + 1] = strings.emplace_back("DROP TABLE " + table + ";").c_str();
            parents[k] = static_cast<std::uint32_t>(i - 1);
            upgrades[k] = {"", 6, {{&pieces[2 * k], 1}}};
            downgrades[k] = {"", 9, {{&pieces[2 * k + 1], 1}}};
            const char* sum = strings.emplace_back(std::string(64 - std::strlen(id), '0') + id).c_str();
            migrations::RevisionSpec& r = revisions[k];
            r.id = strings.emplace_back(id).c_str();
            r.message = "bench revision";
            r.created = "";
            r.file = strings.emplace_back("migrations/" + std::string(id) + ".sql").c_str();
            r.parents = i == 0 ? migrations::Array<std::uint32_t>{} : migrations::Array<std::uint32_t>{&parents[k], 1};
            r.depends_on = {};
            r.branch_labels = {};
            r.upgrade = {&upgrades[k], 1};
            r.downgrade = {&downgrades[k], 1};
            r.checksum[0] = sum;
            r.checksum[1] = sum;
            r.transactional = true;
            r.irreversible = false;
            by_id.push_back(static_cast<std::uint32_t>(i));  // ids are zero-padded: index order is id order
        }
        spec = {"bench_migrations", {revisions.data(), revisions.size()}, {by_id.data(), by_id.size()}, 3};
    }
    migrations::Catalog catalog() const { return migrations::Catalog(spec); }
};

}  // namespace migrations_bench
