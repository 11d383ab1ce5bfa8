# @brief Boundaries by target (docs/DECISIONS.md, "Layers ..."): fails when a component compiles
# with the runtime's whole directory or the repository root on its include path, or when
# migrations_schema exports the root. Run with -DSOURCE_DIR=<repo> -DDIR=<dir of the lists
# written at generate time by tests/cmake/CMakeLists.txt>.
file(GLOB lists "${DIR}/*.txt")
if(lists STREQUAL "")
  message(FATAL_ERROR "no include-directory lists in ${DIR}")
endif()
set(failed FALSE)
foreach(list IN LISTS lists)
  get_filename_component(name "${list}" NAME_WE)
  file(READ "${list}" directories)
  foreach(directory IN LISTS directories)
    if(directory STREQUAL "${SOURCE_DIR}/runtime" OR directory STREQUAL "${SOURCE_DIR}")
      message(SEND_ERROR "${name}: '${directory}' is on the include path; link the target that owns the headers")
      set(failed TRUE)
    endif()
  endforeach()
  message(STATUS "${name}: ${directories}")
endforeach()
if(NOT failed)
  message(STATUS "every include path is by target")
endif()
