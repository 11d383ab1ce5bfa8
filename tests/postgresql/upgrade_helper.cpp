// @brief A tiny program the PostgreSQL process tests spawn: upgrades the database of a URL to
// head with a test catalog; exit 0 on success, the error on stderr and 1 otherwise.
#include "process_catalogs.hpp"

#include <migrations/migrations.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: postgresql_upgrade_helper URL logging|index|slow|cpp\n";
        return 2;
    }
    migrations::Options options;
    options.migration_lock_timeout = std::chrono::seconds(60);
    try {
        (void)migrations::upgrade(argv[1], migrations::testing::process_catalog(argv[2]), "head", options);
    } catch (const migrations::Error& error) {
        std::cerr << error.what() << "\n";
        return 1;
    }
    return 0;
}
