# @brief Part of find_package(Migrations): re-finds what Migrations::postgresql links
# (libpqxx and libpq, through pkg-config, as the build did), so that the imported targets
# PkgConfig::MIGRATIONS_PQXX and PkgConfig::MIGRATIONS_PQ exist for the exported link line.
include(CMakeFindDependencyMacro)
find_dependency(PkgConfig)
if(NOT TARGET PkgConfig::MIGRATIONS_PQXX)
  pkg_check_modules(MIGRATIONS_PQXX QUIET IMPORTED_TARGET libpqxx)
endif()
if(NOT TARGET PkgConfig::MIGRATIONS_PQ)
  pkg_check_modules(MIGRATIONS_PQ QUIET IMPORTED_TARGET libpq)
endif()
if(NOT TARGET PkgConfig::MIGRATIONS_PQXX OR NOT TARGET PkgConfig::MIGRATIONS_PQ)
  set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
  set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE
      "Migrations was built with PostgreSQL support, but pkg-config finds no libpqxx/libpq (install libpqxx-dev)")
  return()
endif()
