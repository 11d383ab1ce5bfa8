// @brief Upgrades the database named by argv[1] with the consumer's catalog, printing the
// result or the error on one line (for the component and linking tests).
#include "app_migrations.hpp"

#include <migrations/error.hpp>
#include <migrations/migrations.hpp>
#include <migrations/version.hpp>

#include <cstdio>

static_assert(MIGRATIONS_CATALOG_FORMAT_VERSION >= 1, "the installed version.hpp is generated");

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: app URL\n");
        return 2;
    }
    try {
        const migrations::UpgradeResult result = migrations::upgrade(argv[1], app_migrations());
        std::printf("upgraded %zu revisions\n", result.revisions.size());
        return 0;
    } catch (const migrations::Error& error) {
        std::printf("error: %s\n", error.what());
        return 1;
    }
}
