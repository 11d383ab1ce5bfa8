// @brief PostgreSQL introspection at scale: a schema of 1,000 tables (a primary key, a foreign
// key to the previous table, a CHECK, an index, a comment each) read into the model by
// introspect_postgresql(), one pg_catalog query per object kind. Goal: under 1 s.
// MIGRATIONS_BENCH_POSTGRESQL_URL names a database the benchmark may empty.
#include "schema/postgresql_introspect.hpp"

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

PGconn* connection() {
    static PGconn* handle = [] {
        const char* url = std::getenv("MIGRATIONS_BENCH_POSTGRESQL_URL");
        if (url == nullptr) {
            std::fprintf(stderr, "set MIGRATIONS_BENCH_POSTGRESQL_URL to a database the benchmark may empty\n");
            std::exit(2);
        }
        PGconn* made = PQconnectdb(url);
        if (PQstatus(made) != CONNECTION_OK) {
            std::fprintf(stderr, "cannot connect: %s", PQerrorMessage(made));
            std::exit(2);
        }
        std::string sql = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;";
        for (int i = 0; i < 1000; ++i) {
            const std::string t = "t_" + std::to_string(i);
            sql += "CREATE TABLE " + t + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL " +
                   "DEFAULT '', amount numeric(10,2) CHECK (amount >= 0)" +
                   (i > 0 ? ", parent bigint REFERENCES t_" + std::to_string(i - 1) + " (id)" : std::string()) + ");";
            sql += "CREATE INDEX " + t + "_name ON " + t + " (lower(name));";
            sql += "COMMENT ON TABLE " + t + " IS 'table " + std::to_string(i) + "';";
        }
        PGresult* result = PQexec(made, sql.c_str());
        if (PQresultStatus(result) != PGRES_COMMAND_OK) {
            std::fprintf(stderr, "setup failed: %s", PQerrorMessage(made));
            std::exit(2);
        }
        PQclear(result);
        return made;
    }();
    return handle;
}

void BM_IntrospectThousandTables(benchmark::State& state) {
    PGconn* db = connection();
    std::size_t tables = 0;
    for (auto _ : state) tables = migrations::schema::introspect_postgresql(db).tables.size();
    if (tables != 1000) state.SkipWithError("expected 1,000 tables");
}

}  // namespace

BENCHMARK(BM_IntrospectThousandTables)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK_MAIN();
