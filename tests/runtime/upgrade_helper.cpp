// @brief A tiny program the process tests spawn: upgrades one database file to head with a
// test catalog ("logging" or "slow"), exit 0 on success, the error on stderr otherwise.
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: upgrade_helper DB_PATH logging|vacuum|per_revision|slow|exclusive|cpp\n";
        return 2;
    }
    const std::string scenario = argv[2];
    const migrations::Catalog catalog = scenario == "slow"        ? migrations::testing::slow_catalog()
                                        : scenario == "exclusive" ? migrations::testing::exclusive_catalog()
                                        : scenario == "logging"   ? migrations::testing::logging_catalog(30)
                                        : scenario == "cpp"       ? migrations::testing::cpp_logging_catalog(30)
                                                                  : migrations::testing::logging_catalog(30, 15);
    migrations::Options options;
    if (scenario == "per_revision") options.transaction = migrations::TransactionMode::per_revision;
    options.migration_lock_timeout = std::chrono::seconds(60);
    try {
        (void)migrations::upgrade("sqlite:///" + std::string(argv[1]), catalog, "head", options);
    } catch (const migrations::Error& error) {
        std::cerr << error.what() << "\n";
        return 1;
    }
    return 0;
}
