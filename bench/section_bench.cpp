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

namespace {

using Clock = std::chrono::steady_clock;

// One revision whose upgrade is `sql`, stored as the generator's static table stores it.
struct OneRevision {
    const char* piece;
    const char* down = "DROP TABLE t;";
    migrations::Section upgrade;
    migrations::Section downgrade;
    migrations::RevisionSpec revision{};
    std::uint32_t by_id = 0;
    migrations::CatalogSpec spec{};

    explicit OneRevision(const std::string& sql) : piece(sql.c_str()) {
        upgrade = {"", 6, {{&piece, 1}}};
        downgrade = {"", 6, {{&down, 1}}};
        revision.id = "a1b2c3d4e5f6";
        revision.message = "bulk data";
        revision.created = "";
        revision.file = "migrations/a1b2c3d4e5f6_bulk_data.sql";
        revision.upgrade = {&upgrade, 1};
        revision.downgrade = {&downgrade, 1};
        revision.checksum[0] = "0000000000000000000000000000000000000000000000000000a1b2c3d4e5f6";
        revision.checksum[1] = revision.checksum[0];
        revision.transactional = true;
        spec = {"section_bench", {&revision, 1}, {&by_id, 1}, 3};
    }
};

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
        const OneRevision one(sql);
        const migrations::Catalog catalog(one.spec);
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
