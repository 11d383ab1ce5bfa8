// @brief PostgreSQL benchmarks, side by side in one run: the startup check at head against the
// floor (connect + one SELECT of a one-row table), and a fresh upgrade of 1,000 revisions against
// `psql -1` of the same SQL (and against the same SQL in one PQexec, the in-process floor).
#include "bench_catalog.hpp"

#include <migrations/migrations.hpp>

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using migrations_bench::BenchCatalog;

const BenchCatalog& bench_catalog() {
    static const BenchCatalog catalog(1000, "SERIAL PRIMARY KEY");
    return catalog;
}

const std::string& server_url() {
    static const std::string url = [] {
        const char* value = std::getenv("MIGRATIONS_BENCH_POSTGRESQL_URL");
        if (value == nullptr) {
            std::fprintf(stderr, "set MIGRATIONS_BENCH_POSTGRESQL_URL to a database the benchmark may empty\n");
            std::exit(2);
        }
        return std::string(value);
    }();
    return url;
}

struct Connection {
    PGconn* handle = PQconnectdb(server_url().c_str());
    Connection() {
        if (PQstatus(handle) != CONNECTION_OK) {
            std::fprintf(stderr, "cannot connect: %s", PQerrorMessage(handle));
            std::exit(2);
        }
    }
    ~Connection() { PQfinish(handle); }
    void exec(const std::string& sql) const {
        PGresult* result = PQexec(handle, sql.c_str());
        const ExecStatusType status = PQresultStatus(result);
        PQclear(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            std::fprintf(stderr, "%s failed: %s", sql.substr(0, 60).c_str(), PQerrorMessage(handle));
            std::exit(2);
        }
    }
};

void empty_database() {
    Connection c;
    c.exec("SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
}

void at_head() {
    static const bool done = [] {
        empty_database();
        (void)migrations::upgrade(server_url(), bench_catalog().catalog());
        return true;
    }();
    (void)done;
}

// ---- Startup at head: a new connection each time, as a process start -----------------------

void BM_StartupFloor(benchmark::State& state) {
    at_head();
    const std::string sql = "SELECT name FROM t_" + std::string(bench_catalog().catalog()[0].id);
    for (auto _ : state) {
        Connection c;
        c.exec(sql);
    }
}

void BM_StartupAtHead(benchmark::State& state) {
    at_head();
    const migrations::Catalog catalog = bench_catalog().catalog();
    for (auto _ : state) {
        const auto result = migrations::upgrade(server_url(), catalog);
        if (!result.fast_path) std::abort();
    }
}

// ---- Fresh upgrade of 1,000 revisions -------------------------------------------------------

void BM_FreshPsqlSingleTransaction(benchmark::State& state) {
    const std::string file = "/tmp/migrations_bench_1000.sql";
    std::ofstream(file) << bench_catalog().all_sql;
    const std::string command =
        std::string(MIGRATIONS_PSQL) + " -X -q -1 -v ON_ERROR_STOP=1 -f " + file + " '" + server_url() + "' >/dev/null";
    for (auto _ : state) {
        state.PauseTiming();
        empty_database();
        state.ResumeTiming();
        if (std::system(command.c_str()) != 0) std::abort();
    }
}

void BM_FreshOnePQexec(benchmark::State& state) {
    const std::string sql = "BEGIN;\n" + bench_catalog().all_sql + "COMMIT;\n";
    for (auto _ : state) {
        state.PauseTiming();
        empty_database();
        state.ResumeTiming();
        Connection c;
        c.exec(sql);
    }
}

void BM_FreshUpgrade(benchmark::State& state) {
    const migrations::Catalog catalog = bench_catalog().catalog();
    for (auto _ : state) {
        state.PauseTiming();
        empty_database();
        state.ResumeTiming();
        const auto result = migrations::upgrade(server_url(), catalog);
        if (result.revisions.size() != 1000) std::abort();
    }
}

}  // namespace

// Interleaved so that load from other processes hits baseline and ours alike.
BENCHMARK(BM_StartupFloor)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_StartupAtHead)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_StartupFloor)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_StartupAtHead)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_FreshPsqlSingleTransaction)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_FreshOnePQexec)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_FreshUpgrade)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_FreshPsqlSingleTransaction)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_FreshOnePQexec)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_FreshUpgrade)->Unit(benchmark::kMillisecond)->Iterations(5);

BENCHMARK_MAIN();
