// @brief A service's startup, reduced to its migration step: upgrade the database at argv[1].
#include "bench_migrations.hpp"

#include <migrations/migrations.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: app DATABASE_URL\n");
        return 2;
    }
    try {
        migrations::upgrade(argv[1], bench_migrations());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "app: %s\n", error.what());
        return 1;
    }
    return 0;
}
