# @brief A stand-in for the CMake package libpqxx's own CMake build installs (vcpkg and Conan
# ship the same shape): libpqxx::pqxx, with libpq through find_dependency(PostgreSQL). It wraps
# the system's libpqxx, so that Components.PostgresqlComponentFindsLibpqxxThroughItsCMakePackage
# takes the CMake-package path of cmake/MigrationsLibpqxx.cmake on a machine (Debian) whose
# libpqxx ships only libpqxx.pc.
include(CMakeFindDependencyMacro)
find_dependency(PostgreSQL)
if(NOT TARGET libpqxx::pqxx)
  find_library(FAKE_LIBPQXX_LIBRARY pqxx REQUIRED)
  find_path(FAKE_LIBPQXX_INCLUDE_DIR pqxx/version REQUIRED)
  add_library(libpqxx::pqxx UNKNOWN IMPORTED)
  set_target_properties(libpqxx::pqxx PROPERTIES
    IMPORTED_LOCATION "${FAKE_LIBPQXX_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${FAKE_LIBPQXX_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES PostgreSQL::PostgreSQL)
endif()
