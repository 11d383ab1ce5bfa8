# @brief Part of find_package(Migrations COMPONENTS postgresql), included by
# _migrations_load_postgresql(): re-finds what Migrations::postgresql links (libpqxx and libpq,
# as Migrations::libpqxx and Migrations::libpq: their CMake packages first, else pkg-config, as
# the build did; MigrationsLibpqxx.cmake), then imports Migrations::postgresql. Sets
# _MIGRATIONS_POSTGRESQL_MISSING to a message naming what is missing, or to "" on success.
include("${CMAKE_CURRENT_LIST_DIR}/MigrationsLibpqxx.cmake")
_migrations_find_libpqxx(_MIGRATIONS_POSTGRESQL_MISSING)
if(NOT _MIGRATIONS_POSTGRESQL_MISSING STREQUAL "")
  set(_MIGRATIONS_POSTGRESQL_MISSING "Migrations was built with PostgreSQL, but ${_MIGRATIONS_POSTGRESQL_MISSING}")
  return()
endif()
if(NOT TARGET Migrations::postgresql)
  include("${CMAKE_CURRENT_LIST_DIR}/MigrationsPostgresqlTargets.cmake")
endif()
