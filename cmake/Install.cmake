# Install rules and the package files for find_package(Migrations): the runtime library, the
# public headers, the `migrations` host tool (imported as Migrations::migrations, the way
# protobuf exports protoc) and add_migrations().
include(CMakePackageConfigHelpers)

set(MIGRATIONS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Migrations)
set(_migrations_install_targets migrations_runtime migrations_schema migrations)
if(TARGET migrations_postgresql)
  list(APPEND _migrations_install_targets migrations_postgresql migrations_schema_postgresql)
endif()

install(TARGETS ${_migrations_install_targets} EXPORT MigrationsTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/migrations DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT MigrationsTargets NAMESPACE Migrations:: DESTINATION ${MIGRATIONS_CMAKE_DIR})

write_basic_package_version_file(${PROJECT_BINARY_DIR}/MigrationsConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/MigrationsConfig.cmake
              ${PROJECT_SOURCE_DIR}/cmake/AddMigrations.cmake
              ${PROJECT_BINARY_DIR}/MigrationsConfigVersion.cmake
        DESTINATION ${MIGRATIONS_CMAKE_DIR})
