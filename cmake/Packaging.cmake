# @brief The `migrations(1)` man page and the Debian package: `cpack -G DEB` in a build tree
# makes migrations_<version>-1_<arch>.deb holding everything `cmake --install` installs (the
# runtime, the headers, the CMake package, the `migrations` tool, the man page and the docs
# under share/doc/migrations). Included by the top-level CMakeLists.txt after Install.cmake.
# docs/packaging.md says how to build and install it, and why Depends/Recommends are what they are.

# ---- The man page, from the tool's own --help (cmake/ManPage.cmake) ------------------------
# Built with the tool whenever it can run here: not when cross-compiling without an emulator.
if(TARGET Migrations::migrations AND (NOT CMAKE_CROSSCOMPILING OR CMAKE_CROSSCOMPILING_EMULATOR))
  set(_migrations_man ${PROJECT_BINARY_DIR}/man/migrations.1)
  add_custom_command(OUTPUT ${_migrations_man}
                     COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:Migrations::migrations>
                             "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}" -DOUTPUT=${_migrations_man}
                             -P ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
                     DEPENDS Migrations::migrations ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
                     COMMENT "Writing the migrations(1) man page from migrations --help"
                     VERBATIM)
  # Debian installs man pages gzipped (-n: no name or time stamp, so the bytes are reproducible).
  find_program(MIGRATIONS_GZIP gzip)
  if(MIGRATIONS_GZIP)
    add_custom_command(OUTPUT ${_migrations_man}.gz
                       COMMAND ${MIGRATIONS_GZIP} -9 -n -k -f ${_migrations_man}
                       DEPENDS ${_migrations_man}
                       VERBATIM)
    set(_migrations_man ${_migrations_man}.gz)
  endif()
  add_custom_target(migrations_man_page ALL DEPENDS ${_migrations_man})
  install(FILES ${_migrations_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# ---- The Debian package --------------------------------------------------------------------
set(MIGRATIONS_PACKAGE_MAINTAINER "The Migrations authors <maintainers@migrations.invalid>" CACHE STRING
    "Maintainer field of the Debian package (Name <email>)")

set(CPACK_PACKAGE_NAME migrations)
set(CPACK_PACKAGE_VENDOR "The Migrations authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB)
# Installed binaries are stripped, as in any Debian package; the static libraries lose their
# debug information too (cmake/PackageStripDebug.cmake, after CPack staged the files).
set(CPACK_STRIP_FILES ON)
set(CPACK_MIGRATIONS_STRIP "${CMAKE_STRIP}")
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/PackageStripDebug.cmake)

set(CPACK_DEBIAN_PACKAGE_NAME migrations)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MIGRATIONS_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${PROJECT_DESCRIPTION}
Versioned database schema migrations for C++ applications, in the spirit of
Alembic. Revision files are checked when the application builds (a broken
graph fails the build with file:line diagnostics) and compiled into a static
table; the binary migrates its own SQLite or PostgreSQL database at startup.
.
This package holds the static runtime libraries, the headers, the CMake
package (find_package(Migrations), add_migrations()), the migrations
developer tool with its man page, and the documentation.")

# Depends: what the tool loads (dpkg-shlibdeps), plus what find_package(Migrations) itself
# needs on the consumer's machine: SQLite's headers and library, since every consumer links
# the runtime against them. Recommends: the PostgreSQL component's libpqxx and pkg-config
# (an SQLite-only consumer needs neither; find_package(Migrations COMPONENTS postgresql) names
# them when missing) and CMake, through which the package is used.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsqlite3-dev")
set(_migrations_recommends "cmake (>= ${CMAKE_MINIMUM_REQUIRED_VERSION})")
if(TARGET migrations_postgresql)
  string(APPEND _migrations_recommends ", libpqxx-dev, pkg-config")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "${_migrations_recommends}")

include(CPack)
