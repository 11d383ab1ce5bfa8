// @brief One long section: a revision of 5,000, 20,000 and 80,000 INSERT statements applied by
// upgrade() against the same text through sqlite3_exec in one transaction (goal <= 1.2x).
// Each round runs the baseline then ours on fresh database files, so load from other processes
// hits both alike; the ratio is of the medians. Run build/dev/bench/section_bench [rounds].
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <migrations/migrations.hpp>
#include <string>
#include <vector>

#include "catalog_builder.hpp"
#include "checksum.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// One revision whose upgrade is `sql`, serialized as the generator serializes a catalog.
migrations::Catalog one_revision(const std::string& sql) {
    namespace gen = migrations::generator;
    gen::RevisionSet set;
    gen::RevisionFile file;
    file.id = "a1b2c3d4e5f6";
    file.message = "bulk data";
    file.relative_path = file.path = "migrations/a1b2c3d4e5f6_bulk_data.sql";
    file.upgrade.push_back({std::nullopt, "-- upgrade", 5, 6, sql, std::nullopt});
    file.downgrade.push_back({std::nullopt, "-- downgrade", 5, 6, "DROP TABLE t;", std::nullopt});
    auto& sums = set.checksums.emplace_back();
    for (std::size_t d = 0; d < migrations::kDialectCount; ++d)
        sums[d] = gen::revision_checksum(file, static_cast<migrations::Dialect>(d));
    set.revisions.push_back(std::move(file));
    set.parents.emplace_back();
    set.depends_on.emplace_back();
    set.by_id = {0};
    set.dialects = 3;
    return gen::make_catalog(set, "section_bench");
}

sqlite3* fresh(const std::string& path) {
    std::filesystem::remove(path);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        std::abort();
    return db;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "migrations-section-bench";
    std::filesystem::create_directories(dir);
    std::printf("%-22s %12s %12s %8s\n", "INSERT statements", "exec (ms)", "ours (ms)", "ratio");
    for (const int statements : {5000, 20000, 80000}) {
        std::string sql = "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);\n";
        for (int i = 0; i < statements; ++i) {
            sql += "INSERT INTO t (id, body) VALUES (" + std::to_string(i) + ", '" + std::string(100, 'x') + "');\n";
        }
        const migrations::Catalog catalog = one_revision(sql);
        const std::string script = "BEGIN;\n" + sql + "COMMIT;\n";
        std::vector<double> exec_ms, ours_ms;
        for (int round = 0; round < rounds; ++round) {
            sqlite3* db = fresh((dir / "exec.db").string());
            auto started = Clock::now();
            if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
            exec_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
            sqlite3_close(db);
            db = fresh((dir / "ours.db").string());
            started = Clock::now();
            if (migrations::upgrade(db, catalog).revisions.size() != 1) std::abort();
            ours_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
            sqlite3_close(db);
        }
        const double a = median(exec_ms), b = median(ours_ms);
        std::printf("%-22d %12.1f %12.1f %7.2fx  (goal <= 1.2x: %s)\n", statements, a, b, b / a,
                    b / a <= 1.2 ? "met" : "MISSED");
    }
    std::filesystem::remove_all(dir);
    return 0;
}
