// @brief The catalog both runtime benchmarks use: n linear revisions, each a CREATE TABLE and
// an INSERT, as the generator's revision model serialized by the generator's serializer (the
// blob a generated consumer carries), read in place.
#pragma once

#include <migrations/migrations.hpp>

#include <cstdio>
#include <string>

#include "catalog_builder.hpp"
#include "checksum.hpp"

namespace migrations_bench {

struct BenchCatalog {
    migrations::Catalog owned;
    std::string all_sql;  // the upgrade SQL of every revision, for the one-transaction floors

    /// `id_column` is the type of each table's key: "INTEGER PRIMARY KEY" (SQLite) or
    /// "SERIAL PRIMARY KEY" (PostgreSQL).
    BenchCatalog(int n, const std::string& id_column) {
        namespace gen = migrations::generator;
        gen::RevisionSet set;
        for (int i = 0; i < n; ++i) {
            char id[16];
            std::snprintf(id, sizeof id, "%012x", 0xa00000 + i);
            const std::string table = "t_" + std::string(id);
            gen::RevisionFile file;
            file.id = id;
            file.message = "bench revision";
            file.relative_path = file.path = "migrations/" + std::string(id) + ".sql";
            file.upgrade.push_back({std::nullopt, "-- upgrade", 5, 6,
                                    "CREATE TABLE " + table + " (id " + id_column +
                                        ", name TEXT);\n"
                                        "INSERT INTO " +
                                        table + " (name) VALUES ('row of " + id + "');\n",
                                    std::nullopt});
            file.downgrade.push_back({std::nullopt, "-- downgrade", 8, 9, "DROP TABLE " + table + ";", std::nullopt});
            all_sql += file.upgrade.back().sql;
            if (i > 0) file.parents.push_back({set.revisions.back().id, 2});
            set.parents.push_back(i == 0 ? std::vector<std::uint32_t>{}
                                         : std::vector<std::uint32_t>{std::uint32_t(i - 1)});
            set.depends_on.emplace_back();
            auto& sums = set.checksums.emplace_back();
            for (std::size_t d = 0; d < migrations::kDialectCount; ++d)
                sums[d] = gen::revision_checksum(file, static_cast<migrations::Dialect>(d));
            set.by_id.push_back(static_cast<std::uint32_t>(i));  // ids are zero-padded: index order is id order
            set.revisions.push_back(std::move(file));
        }
        set.dialects = 3;
        owned = gen::make_catalog(set, "bench_migrations");
    }
    migrations::Catalog catalog() const { return owned; }
};

}  // namespace migrations_bench
