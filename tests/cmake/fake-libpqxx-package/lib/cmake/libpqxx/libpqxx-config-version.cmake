# @brief The version of the wrapped system libpqxx (libpqxx-config.cmake), read from its
# <pqxx/version.hxx>, as libpqxx's own libpqxx-config-version.cmake reports it, or
# FAKE_LIBPQXX_VERSION when the consumer sets it.
find_path(FAKE_LIBPQXX_INCLUDE_DIR pqxx/version)
file(STRINGS "${FAKE_LIBPQXX_INCLUDE_DIR}/pqxx/version.hxx" _fake_version REGEX "^#define PQXX_VERSION \"")
string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" PACKAGE_VERSION "${_fake_version}")
# A consumer may pretend another version (FAKE_LIBPQXX_VERSION), to see an unsupported one refused.
if(DEFINED FAKE_LIBPQXX_VERSION)
  set(PACKAGE_VERSION "${FAKE_LIBPQXX_VERSION}")
endif()
set(PACKAGE_VERSION_COMPATIBLE TRUE)
if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
  set(PACKAGE_VERSION_EXACT TRUE)
endif()
