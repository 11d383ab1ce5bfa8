// @brief The catalogs of the whole-process PostgreSQL tests.
#include "process_catalogs.hpp"

#include "support/test_catalog.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

namespace migrations::testing {

namespace {

Catalog index_catalog() {
    CatalogBuilder builder;
    std::string previous;
    for (int i = 0; i < 30; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "r%04d", i);
        builder.add(id, previous.empty() ? std::vector<std::string>{} : std::vector<std::string>{previous});
        std::string up = i == 0 ? "CREATE TABLE log (revision TEXT);\n" : "";
        up += "CREATE TABLE t_" + std::string(id) + " (x INTEGER);\nINSERT INTO log VALUES ('" + id + "');";
        builder.up(up).down("DROP TABLE t_" + std::string(id) + ";\nDELETE FROM log WHERE revision = '" + id + "';");
        previous = id;
        if (i == 14) {
            builder.add("idx", {previous})
                .up("CREATE INDEX CONCURRENTLY log_revision ON log (revision);\n"
                    "CREATE UNIQUE INDEX CONCURRENTLY t_r0014_x ON t_r0014 (x);")
                .down("DROP INDEX CONCURRENTLY log_revision;\nDROP INDEX CONCURRENTLY t_r0014_x;")
                .no_transaction();
            previous = "idx";
        }
    }
    return builder.build("index_migrations");
}

}  // namespace

Catalog process_catalog(std::string_view scenario) {
    if (scenario == "logging") return logging_catalog(30);
    if (scenario == "cpp") return cpp_logging_catalog(30);
    if (scenario == "index") return index_catalog();
    if (scenario == "slow") return slow_catalog();
    throw std::invalid_argument("unknown scenario " + std::string(scenario));
}

}  // namespace migrations::testing
