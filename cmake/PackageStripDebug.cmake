# @brief CPack pre-build script (CPACK_PRE_BUILD_SCRIPTS, set by cmake/Packaging.cmake): strips
# the debug information from the static libraries staged for the package, as Debian's dh_strip
# does for a -dev package (CPACK_STRIP_FILES strips executables only). A RelWithDebInfo build's
# libraries shrink from 67 MB to 3 MB; `cmake --install` keeps them whole.
if(NOT CPACK_MIGRATIONS_STRIP)
  message(STATUS "Migrations: no strip program; the static libraries keep their debug information")
  return()
endif()
file(GLOB_RECURSE _archives "${CPACK_TEMPORARY_DIRECTORY}/*.a")
foreach(_archive IN LISTS _archives)
  execute_process(COMMAND ${CPACK_MIGRATIONS_STRIP} --strip-debug --enable-deterministic-archives "${_archive}"
                  RESULT_VARIABLE _result ERROR_VARIABLE _error)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "Migrations: '${CPACK_MIGRATIONS_STRIP} --strip-debug ${_archive}' failed: ${_error}")
  endif()
endforeach()
