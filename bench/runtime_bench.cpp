// @brief Runtime benchmarks: the startup check at head against the floor (open + one SELECT), and
// a fresh upgrade of 1,000 revisions against the same SQL in one sqlite3_exec transaction.
#include "bench_catalog.hpp"

#include <migrations/migrations.hpp>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using migrations_bench::BenchCatalog;

const BenchCatalog& bench_catalog(int n) {
    static std::map<int, std::unique_ptr<BenchCatalog>> cache;
    auto& slot = cache[n];
    if (!slot) slot = std::make_unique<BenchCatalog>(n, "INTEGER PRIMARY KEY");
    return *slot;
}

const std::string& temp_dir() {
    static const std::string dir = [] {
        std::string pattern = "/tmp/migrations-bench-XXXXXX";
        if (mkdtemp(pattern.data()) == nullptr) std::abort();
        return pattern;
    }();
    return dir;
}

std::string temp_path(const std::string& name) { return temp_dir() + "/" + name; }

sqlite3* open_db(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        std::abort();
    return db;
}

// A database at head with n revisions, made once per n.
std::string at_head_db(int n) {
    const std::string path = temp_path("at_head_" + std::to_string(n) + ".db");
    if (access(path.c_str(), F_OK) != 0) {
        sqlite3* db = open_db(path);
        (void)migrations::upgrade(db, bench_catalog(n).catalog());
        sqlite3_close(db);
    }
    return path;
}

std::map<std::string, double> g_ns_per_iteration;

void BM_StartupAtHead(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const std::string path = at_head_db(n);
    const migrations::Catalog catalog = bench_catalog(n).catalog();
    for (auto _ : state) {
        sqlite3* db = open_db(path);
        const auto result = migrations::upgrade(db, catalog);
        benchmark::DoNotOptimize(result.fast_path);
        sqlite3_close(db);
    }
}

void BM_StartupFloor(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const std::string path = at_head_db(n);
    const std::string sql = "SELECT name FROM t_" + std::string(bench_catalog(n).catalog()[0].id);
    for (auto _ : state) {
        sqlite3* db = open_db(path);
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
        benchmark::DoNotOptimize(sqlite3_step(statement));
        sqlite3_finalize(statement);
        sqlite3_close(db);
    }
}

template <typename Body>
void fresh_database_loop(benchmark::State& state, const char* name, Body body) {
    const std::string path = temp_path(name);
    for (auto _ : state) {
        state.PauseTiming();
        std::remove(path.c_str());
        std::remove((path + "-journal").c_str());
        sqlite3* db = open_db(path);
        state.ResumeTiming();
        body(db);
        state.PauseTiming();
        sqlite3_close(db);
        state.ResumeTiming();
    }
}

void BM_FreshUpgrade(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const migrations::Catalog catalog = bench_catalog(n).catalog();
    fresh_database_loop(state, "fresh_upgrade.db", [&](sqlite3* db) {
        const auto result = migrations::upgrade(db, catalog);
        benchmark::DoNotOptimize(result.revisions.size());
    });
}

void BM_FreshExec(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const std::string sql = "BEGIN;\n" + bench_catalog(n).all_sql + "COMMIT;\n";
    fresh_database_loop(state, "fresh_exec.db", [&](sqlite3* db) {
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
    });
}

// Side by side: each iteration runs the baseline and ours back to back and times both, so load
// from other processes hits both alike. These give the summary's ratios.
struct Pair {
    double ours_ns = 0;
    double baseline_ns = 0;
    double ours_cpu_ns = 0;
    double baseline_cpu_ns = 0;
};
std::map<std::string, Pair> g_pairs;

double cpu_now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

template <typename Baseline, typename Ours>
void side_by_side(benchmark::State& state, const std::string& key, Baseline baseline, Ours ours) {
    using Clock = std::chrono::steady_clock;
    Pair pair;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        const double c0 = cpu_now_ns();
        baseline();
        const auto t1 = Clock::now();
        const double c1 = cpu_now_ns();
        ours();
        const auto t2 = Clock::now();
        const double c2 = cpu_now_ns();
        pair.baseline_ns += std::chrono::duration<double, std::nano>(t1 - t0).count();
        pair.ours_ns += std::chrono::duration<double, std::nano>(t2 - t1).count();
        pair.baseline_cpu_ns += c1 - c0;
        pair.ours_cpu_ns += c2 - c1;
    }
    state.counters["ratio"] = pair.ours_ns / pair.baseline_ns;
    state.counters["cpu_ratio"] = pair.ours_cpu_ns / pair.baseline_cpu_ns;
    Pair& total = g_pairs[key];
    total.ours_ns += pair.ours_ns;
    total.baseline_ns += pair.baseline_ns;
    total.ours_cpu_ns += pair.ours_cpu_ns;
    total.baseline_cpu_ns += pair.baseline_cpu_ns;
}

void BM_StartupSideBySide(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const std::string path = at_head_db(n);
    const migrations::Catalog catalog = bench_catalog(n).catalog();
    const std::string sql = "SELECT name FROM t_" + std::string(bench_catalog(n).catalog()[0].id);
    side_by_side(
        state, "at head, " + std::to_string(n) + " revisions / floor",
        [&] {
            sqlite3* db = open_db(path);
            sqlite3_stmt* statement = nullptr;
            sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
            benchmark::DoNotOptimize(sqlite3_step(statement));
            sqlite3_finalize(statement);
            sqlite3_close(db);
        },
        [&] {
            sqlite3* db = open_db(path);
            benchmark::DoNotOptimize(migrations::upgrade(db, catalog).fast_path);
            sqlite3_close(db);
        });
}

void BM_FreshSideBySide(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const migrations::Catalog catalog = bench_catalog(n).catalog();
    const std::string sql = "BEGIN;\n" + bench_catalog(n).all_sql + "COMMIT;\n";
    const auto fresh = [](const std::string& path) {
        std::remove(path.c_str());
        return open_db(path);
    };
    const std::string exec_path = temp_path("pair_exec.db");
    const std::string upgrade_path = temp_path("pair_upgrade.db");
    side_by_side(
        state, "fresh upgrade, " + std::to_string(n) + " revisions / exec",
        [&] {
            sqlite3* db = fresh(exec_path);
            if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
            sqlite3_close(db);
        },
        [&] {
            sqlite3* db = fresh(upgrade_path);
            benchmark::DoNotOptimize(migrations::upgrade(db, catalog).revisions.size());
            sqlite3_close(db);
        });
}

BENCHMARK(BM_StartupSideBySide)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_FreshSideBySide)->Arg(1000)->Unit(benchmark::kMillisecond)->MinTime(4.0);

// Repetitions: the machine may be shared; the summary compares medians.
BENCHMARK(BM_StartupAtHead)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond)->Repetitions(5);
BENCHMARK(BM_StartupFloor)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond)->Repetitions(5);
BENCHMARK(BM_FreshUpgrade)->Arg(1000)->Unit(benchmark::kMillisecond)->Repetitions(5);
BENCHMARK(BM_FreshExec)->Arg(1000)->Unit(benchmark::kMillisecond)->Repetitions(5);

// Prints the usual table, and remembers each run's real time per iteration for the ratios.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        // The median of the repetitions when there are several, else the single run.
        for (const Run& run : runs) {
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            const std::string key = run.run_name.function_name + "/" + run.run_name.args;
            if (median || (run.run_type == Run::RT_Iteration && !g_ns_per_iteration.count(key + "#median"))) {
                const double scale = run.time_unit == benchmark::kMillisecond ? 1e6 : 1e3;
                g_ns_per_iteration[key] = run.GetAdjustedRealTime() * scale;
                g_ns_per_iteration[key + "#cpu"] = run.GetAdjustedCPUTime() * scale;
                if (median) g_ns_per_iteration[key + "#median"] = 1;
            }
        }
        ConsoleReporter::ReportRuns(runs);
    }
};

void print_ratio(const char* what, const std::string& ours, const std::string& floor, double goal) {
    const auto a = g_ns_per_iteration.find(ours);
    const auto b = g_ns_per_iteration.find(floor);
    if (a == g_ns_per_iteration.end() || b == g_ns_per_iteration.end()) return;
    const double ratio = a->second / b->second;
    const double cpu_ratio = g_ns_per_iteration[ours + "#cpu"] / g_ns_per_iteration[floor + "#cpu"];
    (void)goal;
    std::printf("%-38s real %9.1f us vs %9.1f us = %.2fx, cpu %.2fx\n", what, a->second / 1e3, b->second / 1e3, ratio,
                cpu_ratio);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf(
        "\nSeparate runs (medians of 5 repetitions; informational: load from other processes between the two\n"
        "runs skews these, so the goals are judged side by side below):\n");
    print_ratio("at head, 100 revisions / floor", "BM_StartupAtHead/100", "BM_StartupFloor/100", 2.0);
    print_ratio("at head, 1000 revisions / floor", "BM_StartupAtHead/1000", "BM_StartupFloor/1000", 2.0);
    print_ratio("fresh upgrade, 1000 revisions / exec", "BM_FreshUpgrade/1000", "BM_FreshExec/1000", 1.3);
    std::printf("\nSide by side (the goals; each iteration runs baseline then ours):\n");
    for (const auto& [what, pair] : g_pairs) {
        const double goal = what.rfind("at head", 0) == 0 ? 2.0 : 1.3;
        const double ratio = pair.ours_ns / pair.baseline_ns;
        std::printf("%-38s ratio %.2fx real, %.2fx cpu  (goal <= %.1fx: %s)\n", what.c_str(), ratio,
                    pair.ours_cpu_ns / pair.baseline_cpu_ns, goal, ratio <= goal ? "met" : "MISSED");
    }
    benchmark::Shutdown();
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir(), ignored);
    return 0;
}
