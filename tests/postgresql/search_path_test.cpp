// @brief Replicas whose search_paths differ find, lock and write the same version table: 16
// starting at once, half with `search_path=app,public` where schema app has no version table,
// apply each revision once (counted by its side effects, not only by version rows).
#include "postgresql/libpq_query.hpp"
#include "support/test_catalog.hpp"
#include "test_database.hpp"

#include <migrations/migrations.hpp>
#include <migrations/postgresql.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::raw;
using testing::scalar;
using testing::TestDatabase;

// a creates the counters; b and c each add 1 and log themselves (schema-qualified, so every
// replica's statements reach the same tables whatever its search_path); b lasts long enough
// for two replicas holding different locks to overlap.
Catalog counting_catalog() {
    CatalogBuilder b;
    b.add("a")
        .up("CREATE TABLE public.counter (n int NOT NULL);\nINSERT INTO public.counter VALUES (0);\n"
            "CREATE TABLE public.applied (revision text NOT NULL);")
        .down("DROP TABLE public.counter;\nDROP TABLE public.applied;");
    for (const char* id : {"b", "c"}) {
        const std::string parent = id[0] == 'b' ? "a" : "b";
        b.add(id, {parent})
            .up(std::string(id[0] == 'b' ? "SELECT pg_sleep(0.2);\n" : "") +
                "UPDATE public.counter SET n = n + 1;\nINSERT INTO public.applied VALUES ('" + id + "');")
            .down(std::string("UPDATE public.counter SET n = n - 1;\nDELETE FROM public.applied WHERE revision = '") +
                  id + "';");
    }
    return b.build();
}

TEST(PostgresqlSearchPath, SixteenReplicasWithDifferentSearchPathsApplyEachRevisionOnce) {
    TestDatabase database;
    auto connection = database.connect();
    postgresql::query(raw(*connection), "CREATE SCHEMA app");
    const Catalog catalog = counting_catalog();
    // The first deploy puts the version table where the default search_path creates it.
    (void)upgrade(*connection, catalog, "a");

    constexpr int kReplicas = 16;
    std::atomic<int> failures{0};
    std::vector<std::thread> replicas;
    for (int i = 0; i < kReplicas; ++i) {
        const std::string url =
            i % 2 == 0 ? database.url() : database.url() + "?options=-c%20search_path%3Dapp%2Cpublic";
        replicas.emplace_back([&, url] {
            Options options;
            options.migration_lock_timeout = std::chrono::seconds(60);
            try {
                (void)upgrade(url, catalog, "head", options);
            } catch (const Error& error) {
                ADD_FAILURE() << error.what();
                ++failures;
            }
        });
    }
    for (std::thread& replica : replicas) replica.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(scalar(*connection, "SELECT n FROM public.counter"), "2");
    EXPECT_EQ(scalar(*connection, "SELECT string_agg(revision, ',' ORDER BY revision) FROM public.applied"), "b,c");
    EXPECT_EQ(scalar(*connection,
                     "SELECT string_agg(revision || ':' || state, ',' ORDER BY revision)"
                     " FROM public.schema_revisions"),
              "a:applied,b:applied,c:applied");
    EXPECT_EQ(scalar(*connection, "SELECT to_regclass('app.schema_revisions') IS NULL"), "t");
}

TEST(PostgresqlSearchPath, AReplicaFindsTheVersionTableLaterOnItsSearchPath) {
    TestDatabase database;
    auto connection = database.connect();
    postgresql::query(raw(*connection), "CREATE SCHEMA app");
    const Catalog catalog = counting_catalog();
    (void)upgrade(*connection, catalog, "a");
    const std::string app_first = database.url() + "?options=-c%20search_path%3Dapp%2Cpublic";
    EXPECT_EQ(upgrade(app_first, catalog).revisions, (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(current(app_first, catalog), std::vector<std::string>{"c"});
    EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM public.schema_revisions"), "3");
    EXPECT_EQ(scalar(*connection, "SELECT to_regclass('app.schema_revisions') IS NULL"), "t");
}

}  // namespace
}  // namespace migrations
