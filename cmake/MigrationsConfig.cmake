# find_package(Migrations): the runtime, the `migrations` tool and add_migrations().
include(CMakeFindDependencyMacro)
find_dependency(SQLite3)
if(EXISTS "${CMAKE_CURRENT_LIST_DIR}/MigrationsPostgresql.cmake")
  include("${CMAKE_CURRENT_LIST_DIR}/MigrationsPostgresql.cmake")
endif()

include("${CMAKE_CURRENT_LIST_DIR}/MigrationsTargets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/AddMigrations.cmake")

foreach(_migrations_component IN LISTS ${CMAKE_FIND_PACKAGE_NAME}_FIND_COMPONENTS)
  if(NOT TARGET Migrations::${_migrations_component})
    set(${CMAKE_FIND_PACKAGE_NAME}_${_migrations_component}_FOUND FALSE)
    if(${CMAKE_FIND_PACKAGE_NAME}_FIND_REQUIRED_${_migrations_component})
      set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
      set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE "component ${_migrations_component} was not built")
    endif()
  endif()
endforeach()
