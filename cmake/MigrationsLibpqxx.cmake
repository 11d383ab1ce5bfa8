# @brief Finds libpqxx and libpq for Migrations::postgresql, the same way in this project's build
# (CMakeLists.txt) and in a consumer of the installed package (MigrationsPostgresql.cmake):
#
#   _migrations_find_libpqxx(<missing-var>)
#
# libpqxx: its own CMake package first (find_package(libpqxx CONFIG): libpqxx::pqxx, as vcpkg,
# Conan and libpqxx's CMake install provide, with PostgreSQL::PostgreSQL for libpq), else
# pkg-config's libpqxx (Debian and other distributions that ship only libpqxx.pc). libpq: the
# PostgreSQL::PostgreSQL target libpqxx's package brought, else pkg-config's libpq, else
# CMake's FindPostgreSQL. Defines two global imported targets that everything links by these
# names whichever way they were found (the exported Migrations::postgresql names them too):
#   Migrations::libpqxx   libpqxx (with libpq)
#   Migrations::libpq     libpq
# and sets, in the caller's scope, MIGRATIONS_LIBPQXX_VERSION ("6.4.5"),
# MIGRATIONS_LIBPQXX_VERSION_MAJOR ("6") and MIGRATIONS_LIBPQXX_FOUND_BY ("CMake package
# <dir>" or "pkg-config"). Sets <missing-var> to "" on success, else to a message naming what
# is missing and how to provide it. Calling it again once the targets exist only sets the
# variables again.
include_guard(GLOBAL)

function(_migrations_find_libpqxx missing)
  set(${missing} "" PARENT_SCOPE)
  if(TARGET Migrations::libpqxx AND TARGET Migrations::libpq)
    get_property(version GLOBAL PROPERTY _MIGRATIONS_LIBPQXX_VERSION)
    get_property(found_by GLOBAL PROPERTY _MIGRATIONS_LIBPQXX_FOUND_BY)
    _migrations_libpqxx_export_variables("${version}" "${found_by}")
    return()
  endif()

  # libpqxx
  set(pqxx_target "")
  if(NOT TARGET libpqxx::pqxx)
    find_package(libpqxx CONFIG QUIET)
    if(TARGET libpqxx::pqxx)
      set_property(TARGET libpqxx::pqxx PROPERTY IMPORTED_GLOBAL TRUE)
    endif()
  endif()
  if(TARGET libpqxx::pqxx)
    set(pqxx_target libpqxx::pqxx)
    set(version "${libpqxx_VERSION}")
    set(found_by "CMake package ${libpqxx_DIR}")
  else()
    find_package(PkgConfig QUIET)
    if(PkgConfig_FOUND AND NOT TARGET PkgConfig::MIGRATIONS_PQXX)
      pkg_check_modules(MIGRATIONS_PQXX QUIET IMPORTED_TARGET GLOBAL libpqxx)
    endif()
    if(TARGET PkgConfig::MIGRATIONS_PQXX)
      set(pqxx_target PkgConfig::MIGRATIONS_PQXX)
      set(version "${MIGRATIONS_PQXX_VERSION}")
      set(found_by "pkg-config")
    endif()
  endif()
  if(pqxx_target STREQUAL "")
    set(${missing} "neither find_package(libpqxx CONFIG) nor pkg-config finds libpqxx (install libpqxx-dev, or set CMAKE_PREFIX_PATH or PKG_CONFIG_PATH)"
        PARENT_SCOPE)
    return()
  endif()
  if(NOT version MATCHES "^(6|7)\\.")
    set(${missing} "libpqxx ${version} (${found_by}) is not supported: Migrations builds with libpqxx 6.x and 7.x"
        PARENT_SCOPE)
    return()
  endif()

  # libpq
  set(pq_target "")
  if(TARGET PostgreSQL::PostgreSQL)
    set(pq_target PostgreSQL::PostgreSQL)
  else()
    find_package(PkgConfig QUIET)
    if(PkgConfig_FOUND AND NOT TARGET PkgConfig::MIGRATIONS_PQ)
      pkg_check_modules(MIGRATIONS_PQ QUIET IMPORTED_TARGET GLOBAL libpq)
    endif()
    if(TARGET PkgConfig::MIGRATIONS_PQ)
      set(pq_target PkgConfig::MIGRATIONS_PQ)
    else()
      find_package(PostgreSQL QUIET)
      if(TARGET PostgreSQL::PostgreSQL)
        set_property(TARGET PostgreSQL::PostgreSQL PROPERTY IMPORTED_GLOBAL TRUE)
        set(pq_target PostgreSQL::PostgreSQL)
      endif()
    endif()
  endif()
  if(pq_target STREQUAL "")
    set(${missing} "libpqxx was found (${found_by}) but not libpq: neither pkg-config nor find_package(PostgreSQL) finds it (install libpq-dev, or set PKG_CONFIG_PATH or PostgreSQL_ROOT)"
        PARENT_SCOPE)
    return()
  endif()

  add_library(Migrations::libpq INTERFACE IMPORTED GLOBAL)
  target_link_libraries(Migrations::libpq INTERFACE ${pq_target})
  add_library(Migrations::libpqxx INTERFACE IMPORTED GLOBAL)
  target_link_libraries(Migrations::libpqxx INTERFACE ${pqxx_target} Migrations::libpq)
  set_property(GLOBAL PROPERTY _MIGRATIONS_LIBPQXX_VERSION "${version}")
  set_property(GLOBAL PROPERTY _MIGRATIONS_LIBPQXX_FOUND_BY "${found_by}")
  _migrations_libpqxx_export_variables("${version}" "${found_by}")
endfunction()

# Sets the MIGRATIONS_LIBPQXX_* variables in the scope of _migrations_find_libpqxx()'s caller.
macro(_migrations_libpqxx_export_variables version found_by)
  string(REGEX REPLACE "\\..*" "" _migrations_major "${version}")
  set(MIGRATIONS_LIBPQXX_VERSION "${version}" PARENT_SCOPE)
  set(MIGRATIONS_LIBPQXX_VERSION_MAJOR "${_migrations_major}" PARENT_SCOPE)
  set(MIGRATIONS_LIBPQXX_FOUND_BY "${found_by}" PARENT_SCOPE)
  unset(_migrations_major)
endmacro()
