// @brief Compile-time checks of <migrations/postgresql.hpp> against libpqxx 7.x's declarations
// (the fake headers beside this file): its forward declaration agrees with libpqxx's whichever
// header comes first (raw_connection.cpp includes ours first, this file libpqxx's first), and
// the pqxx overloads take pqxx::connection.
#include <pqxx/connection>

#include <migrations/postgresql.hpp>

#include <type_traits>

static_assert(MIGRATIONS_LIBPQXX_VERSION_MAJOR == 7);
static_assert(std::is_same_v<migrations::PqxxConnection, pqxx::connection>);
static_assert(std::is_same_v<migrations::PqxxConnection, pqxx::connection_base>);
static_assert(std::is_same_v<decltype(migrations::upgrade(std::declval<pqxx::connection&>(),
                                                          std::declval<const migrations::Catalog&>())),
                             migrations::UpgradeResult>);
