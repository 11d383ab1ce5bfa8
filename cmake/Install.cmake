# Install rules and the package files for find_package(Migrations): the runtime library, the
# public headers, the `migrations` host tool (imported as Migrations::migrations, the way
# protobuf exports protoc) and add_migrations().
include(CMakePackageConfigHelpers)

set(MIGRATIONS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Migrations)
set(MIGRATIONS_PACKAGE_DIALECTS sqlite)

# The tool is missing from a build with MIGRATIONS_BUILD_TOOL=OFF: add_migrations() then needs
# MIGRATIONS_GENERATOR_EXECUTABLE.
set(_migrations_tool_target "")
if(TARGET migrations_tool)
  set(_migrations_tool_target migrations_tool)
endif()
install(TARGETS migrations_runtime migrations_schema ${_migrations_tool_target} EXPORT MigrationsTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/migrations DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        PATTERN "*.in" EXCLUDE)
install(FILES ${PROJECT_BINARY_DIR}/include/migrations/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/migrations)
install(EXPORT MigrationsTargets NAMESPACE Migrations:: DESTINATION ${MIGRATIONS_CMAKE_DIR})

# The PostgreSQL backend is a component of its own (MigrationsPostgresqlTargets.cmake), imported
# only by find_package(Migrations COMPONENTS postgresql) or add_migrations(DIALECTS postgresql):
# the plain package needs no libpqxx on the consumer's machine.
if(TARGET migrations_postgresql)
  list(APPEND MIGRATIONS_PACKAGE_DIALECTS postgresql)
  install(TARGETS migrations_postgresql migrations_schema_postgresql EXPORT MigrationsPostgresqlTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT MigrationsPostgresqlTargets NAMESPACE Migrations:: DESTINATION ${MIGRATIONS_CMAKE_DIR})
endif()

write_basic_package_version_file(${PROJECT_BINARY_DIR}/MigrationsConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/MigrationsConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/MigrationsConfig.cmake
                              INSTALL_DESTINATION ${MIGRATIONS_CMAKE_DIR})
install(FILES ${PROJECT_BINARY_DIR}/MigrationsConfig.cmake
              ${PROJECT_SOURCE_DIR}/cmake/AddMigrations.cmake
              ${PROJECT_BINARY_DIR}/MigrationsConfigVersion.cmake
        DESTINATION ${MIGRATIONS_CMAKE_DIR})

# The licence, the changelog and the documentation, under share/doc/migrations (Debian's
# /usr/share/doc/<package>), unless CMAKE_INSTALL_DOCDIR says otherwise.
if(CMAKE_INSTALL_DOCDIR STREQUAL "${CMAKE_INSTALL_DATAROOTDIR}/doc/${PROJECT_NAME}")
  set(CMAKE_INSTALL_DOCDIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/migrations)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs FILES_MATCHING PATTERN "*.md")
