# @brief Part of find_package(Migrations COMPONENTS postgresql), included by
# _migrations_load_postgresql(): re-finds what Migrations::postgresql links (libpqxx and libpq,
# through pkg-config, as the build did), then imports Migrations::postgresql. Sets
# _MIGRATIONS_POSTGRESQL_MISSING to a message naming what is missing, or to "" on success.
set(_MIGRATIONS_POSTGRESQL_MISSING "")
find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
  set(_MIGRATIONS_POSTGRESQL_MISSING "pkg-config was not found; it finds libpqxx and libpq (install pkg-config)")
  return()
endif()
if(NOT TARGET PkgConfig::MIGRATIONS_PQXX)
  pkg_check_modules(MIGRATIONS_PQXX QUIET IMPORTED_TARGET GLOBAL libpqxx)
endif()
if(NOT TARGET PkgConfig::MIGRATIONS_PQ)
  pkg_check_modules(MIGRATIONS_PQ QUIET IMPORTED_TARGET GLOBAL libpq)
endif()
if(NOT TARGET PkgConfig::MIGRATIONS_PQXX OR NOT TARGET PkgConfig::MIGRATIONS_PQ)
  set(_MIGRATIONS_POSTGRESQL_MISSING
      "Migrations was built with PostgreSQL, but pkg-config finds no libpqxx/libpq (install libpqxx-dev, or set PKG_CONFIG_PATH)")
  return()
endif()
if(NOT TARGET Migrations::postgresql)
  include("${CMAKE_CURRENT_LIST_DIR}/MigrationsPostgresqlTargets.cmake")
endif()
