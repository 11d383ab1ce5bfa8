// @brief Prints what the two generated catalogs hold, for the consumer-project tests.
#include "audit_catalog.hpp"
#include "consumer_migrations.hpp"

#include <migrations/catalog.hpp>

#include <cstdio>

int main() {
    for (const migrations::Catalog* catalog : {&consumer_migrations(), &audit_catalog()}) {
        std::printf("%s: %zu revisions", catalog->name(), catalog->size());
        for (std::size_t i = 0; i < catalog->size(); ++i) std::printf(" %s", (*catalog)[i].id);
        std::printf("\n");
    }
    return 0;
}
