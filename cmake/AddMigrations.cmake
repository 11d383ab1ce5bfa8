#[=======================================================================[.rst:
add_migrations
--------------

Compiles a directory of revision files into a static catalog linked into a target, and
fails the build when the revision graph is broken.

.. code-block:: cmake

  add_migrations(<target> DIR <dir>
                 [NAME <identifier>]
                 [DIALECTS <dialect>...]
                 [ALLOW_MULTIPLE_HEADS]
                 [VERIFY] [VERIFY_TEST_NAME <name>] [VERIFY_DATABASE <url-or-env>]
                 [LINT <off|warn|error>]
                 [LINT_SINCE <revision>])

``<target>``
  An executable or library target of this project. The generated ``<NAME>.cpp`` is added to
  its sources, the directory holding ``<NAME>.hpp`` to its include directories, and the
  runtime (``Migrations::runtime``, plus ``Migrations::postgresql`` when ``postgresql`` is
  among the dialects) to the libraries it links.

``DIR <dir>``
  The directory of revision files, relative to the current source directory: ``*.sql``, and
  ``*.cpp`` revisions written in C++ (``docs/format.md``), which are compiled into ``<target>``.
  Adding, editing, renaming or removing a file there regenerates the catalog at the next
  build; a build with no change runs nothing.

``NAME <identifier>``
  The name of the generated function ``const migrations::Catalog& <NAME>();`` and of its
  files. Defaults to ``<target>_migrations`` with every character that cannot appear in a
  C++ identifier replaced by ``_``. Use distinct names for several catalogs in one target.

``DIALECTS <dialect>...``
  ``sqlite`` and/or ``postgresql``: the databases the catalog must run on. Defaults to
  ``sqlite``, plus ``postgresql`` when ``find_package(Migrations COMPONENTS postgresql)`` found
  it (or, in a source build, ``MIGRATIONS_WITH_POSTGRESQL`` is on). Naming ``postgresql`` here
  imports that component when ``find_package()`` did not ask for it. Without ``postgresql``
  the target never links libpq, and a ``postgresql://`` URL fails with an error naming this fix.

``ALLOW_MULTIPLE_HEADS``
  Accept a graph with several heads (independent branches, as Alembic allows) instead of
  failing the build with the command that merges them.

``VERIFY``
  Also replay every revision at build time on an in-memory SQLite, one by one: upgrade,
  downgrade, upgrade again. The build fails with ``file:line: error: message`` on a statement
  SQLite rejects and on a downgrade that does not restore the schema its upgrade started from
  (naming each table, column, index, view or trigger that differs). Uses the SQLite sections,
  so ``sqlite`` must be among the ``DIALECTS``. See ``docs/schema.md``.

  The generator never runs consumer code, so the build takes a ``.cpp`` revision as leaving
  the schema as it was. When the directory holds ``.cpp`` revisions and testing is enabled
  (``enable_testing()`` or ``include(CTest)`` before this call), ``VERIFY`` also adds the
  executable and CTest test ``<NAME>_verify`` (label ``migrations_verify``): the same
  generated catalog and ``.cpp`` revisions, compiled with ``<target>``'s include directories,
  definitions and options and linked with its libraries and the runtime, replayed upgrade,
  downgrade, upgrade on an in-memory SQLite with the C++ steps run; the test fails with the
  ``file:line: error:`` of the failing call or of a downgrade that does not restore the
  schema. Code a C++ revision calls must be in a library ``<target>`` links, not in the
  sources of an executable ``<target>``: the test does not link those. Without testing
  enabled, the configure says that the test is skipped.

``VERIFY_TEST_NAME <name>``
  The name of that executable and test, instead of ``<NAME>_verify``. Requires ``VERIFY``;
  the configure fails when a target or test of this directory already has the name.

``VERIFY_DATABASE <url-or-env>``
  The same replay on PostgreSQL, with the PostgreSQL sections, in a scratch database created
  (and dropped) on the server of ``<url-or-env>``: a ``postgresql://`` URL, or the name of an
  environment variable holding one, read at build time. When the value is empty or the
  variable unset, the build prints ``VERIFY on PostgreSQL skipped: ...`` and goes on (SQLite is
  still verified with ``VERIFY``). ``postgresql`` must be among the ``DIALECTS``.

``LINT <off|warn|error>``
  What the safety lint of the PostgreSQL upgrade sections does (``docs/lint.md``): print
  ``file:line: warning: [rule-id] ...`` (``warn``, the default), fail the build with
  ``file:line: error: [rule-id] ...`` (``error``), or nothing (``off``). PostgreSQL syntax
  errors fail the build whatever ``LINT`` says.

``LINT_SINCE <revision>``
  The revisions older than ``<revision>`` (its ancestors) are not linted: history that has
  shipped cannot be rewritten. ``<revision>`` itself and the later ones are.

The generator is the ``Migrations::migrations`` executable, or the host tool named by the
cache variable ``MIGRATIONS_GENERATOR_EXECUTABLE`` when set (for cross-compiling). When
``CMAKE_CROSSCOMPILING`` is true and the variable is not set, a warning (once per configure)
says that ``Migrations::migrations`` is built for the target and names the variable.
#]=======================================================================]

include_guard(GLOBAL)

set(MIGRATIONS_GENERATOR_EXECUTABLE "" CACHE FILEPATH
    "The migrations host tool to run at build time (default: the Migrations::migrations target)")

function(add_migrations target)
  list(APPEND CMAKE_MESSAGE_CONTEXT "add_migrations")
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALLOW_MULTIPLE_HEADS;VERIFY"
                        "DIR;NAME;VERIFY_TEST_NAME;VERIFY_DATABASE;LINT;LINT_SINCE" "DIALECTS")

  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "unexpected arguments: ${arg_UNPARSED_ARGUMENTS}; expected "
                        "add_migrations(<target> DIR <dir> [NAME <identifier>] "
                        "[DIALECTS <dialect>...] [ALLOW_MULTIPLE_HEADS] [VERIFY] [VERIFY_TEST_NAME <name>] "
                        "[VERIFY_DATABASE <url-or-env>] "
                        "[LINT <off|warn|error>] [LINT_SINCE <revision>])")
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "${arg_KEYWORDS_MISSING_VALUES} given without a value")
  endif()
  _migrations_check_target("${target}")

  if(NOT DEFINED arg_DIR)
    message(FATAL_ERROR "DIR is required: the directory of revision files, e.g. DIR migrations")
  endif()
  if(arg_DIR MATCHES ";")
    message(FATAL_ERROR "DIR '${arg_DIR}' contains ';', which CMake takes for a list separator and the "
                        "build rules cannot carry; rename the directory")
  endif()
  get_filename_component(dir "${arg_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "DIR '${arg_DIR}' is not a directory (looked for ${dir})")
  endif()

  if(DEFINED arg_NAME)
    set(name "${arg_NAME}")
  else()
    string(MAKE_C_IDENTIFIER "${target}_migrations" name)
  endif()
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "NAME '${name}' is not a valid C++ identifier "
                        "(expected letters, digits and '_', not starting with a digit)")
  endif()
  get_property(names TARGET ${target} PROPERTY _MIGRATIONS_CATALOGS)
  if(name IN_LIST names)
    message(FATAL_ERROR "target '${target}' already has a catalog named '${name}'; "
                        "give each add_migrations() call its own NAME")
  endif()
  set_property(TARGET ${target} APPEND PROPERTY _MIGRATIONS_CATALOGS "${name}")

  _migrations_dialects(dialects "${arg_DIALECTS}")
  if(arg_VERIFY AND NOT "sqlite" IN_LIST dialects)
    message(FATAL_ERROR "VERIFY replays the revisions on SQLite, but DIALECTS (${dialects}) does not "
                        "include sqlite; add sqlite to DIALECTS or drop VERIFY")
  endif()
  if(DEFINED arg_VERIFY_TEST_NAME)
    if(NOT arg_VERIFY)
      message(FATAL_ERROR "VERIFY_TEST_NAME names the test VERIFY adds for C++ revisions, but VERIFY is not given; "
                          "add VERIFY or drop VERIFY_TEST_NAME")
    endif()
    if(NOT arg_VERIFY_TEST_NAME MATCHES "^[A-Za-z0-9_.+-]+$")
      message(FATAL_ERROR "VERIFY_TEST_NAME '${arg_VERIFY_TEST_NAME}' is not a target name "
                          "(expected letters, digits, '_', '.', '+' and '-')")
    endif()
    set(verify_test "${arg_VERIFY_TEST_NAME}")
  else()
    set(verify_test "${name}_verify")
  endif()
  set(verify_database "")
  if(DEFINED arg_VERIFY_DATABASE OR "VERIFY_DATABASE" IN_LIST arg_KEYWORDS_MISSING_VALUES)
    if(NOT "postgresql" IN_LIST dialects)
      message(FATAL_ERROR "VERIFY_DATABASE replays the revisions on PostgreSQL, but DIALECTS (${dialects}) does "
                          "not include postgresql")
    endif()
    if("${arg_VERIFY_DATABASE}" STREQUAL "")
      message(STATUS "add_migrations(${target}): VERIFY on PostgreSQL skipped: VERIFY_DATABASE is empty")
    else()
      set(verify_database "${arg_VERIFY_DATABASE}")
    endif()
  endif()
  set(lint warn)
  if(DEFINED arg_LINT)
    if(NOT arg_LINT MATCHES "^(off|warn|error)$")
      message(FATAL_ERROR "LINT '${arg_LINT}' is not a lint level; expected off, warn or error")
    endif()
    set(lint "${arg_LINT}")
  endif()
  if(DEFINED arg_LINT_SINCE AND NOT arg_LINT_SINCE MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "LINT_SINCE '${arg_LINT_SINCE}' is not a revision id "
                        "(expected letters, digits and '_')")
  endif()
  _migrations_generator(generator generator_file)

  # CONFIGURE_DEPENDS re-runs the glob at every build, so an added, renamed or removed file
  # changes the dependency list and regenerates (sqlx's embed misses added files).
  file(GLOB revision_files LIST_DIRECTORIES false CONFIGURE_DEPENDS "${dir}/*.sql" "${dir}/*.cpp")
  list(SORT revision_files)
  _migrations_check_file_names("${dir}" "${revision_files}")
  _migrations_add_cpp_revisions(${target} "${name}" "${revision_files}")

  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/_migrations")
  set(header "${out_dir}/${name}.hpp")
  set(source "${out_dir}/${name}.cpp")
  set(stamp "${out_dir}/${name}.stamp")

  # A renamed or removed file leaves no newer input behind, so the list of files is an input
  # too: rewritten (only) when the glob's result changes, it makes the command out of date.
  set(file_list "${out_dir}/${name}.files")
  list(JOIN revision_files "\n" listed_files)
  file(CONFIGURE OUTPUT "${file_list}" CONTENT "${listed_files}\n" @ONLY)
  list(JOIN dialects "," dialect_list)
  set(extra_args "")
  if(arg_ALLOW_MULTIPLE_HEADS)
    list(APPEND extra_args --allow-multiple-heads)
  endif()
  list(APPEND extra_args --lint "${lint}")
  if(DEFINED arg_LINT_SINCE)
    list(APPEND extra_args --lint-since "${arg_LINT_SINCE}")
  endif()
  set(verb "Checking and compiling")
  if(arg_VERIFY)
    # Runs before anything is written, so a failure leaves the stamp out of date.
    list(APPEND extra_args --verify)
    set(verb "Checking, verifying on SQLite and compiling")
  endif()
  if(NOT verify_database STREQUAL "")
    # A URL, or the name of an environment variable read at build time (the generator says
    # that VERIFY on PostgreSQL was skipped when it is unset).
    list(APPEND extra_args --verify-database "${verify_database}")
    set(verb "${verb}, verifying on PostgreSQL")
  endif()
  file(RELATIVE_PATH shown_dir "${CMAKE_SOURCE_DIR}" "${dir}")

  # The stamp is the output; the header and source are byproducts that the generator rewrites
  # only when their bytes change, so a regeneration with the same result recompiles nothing.
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS "${header}" "${source}"
    COMMAND "${generator}" generate
            --dir "${dir}" --name "${name}" --source-root "${CMAKE_CURRENT_SOURCE_DIR}"
            --header "${header}" --source "${source}" --dialects "${dialect_list}"
            --stamp "${stamp}" ${extra_args}
    DEPENDS ${revision_files} "${file_list}" "${generator_file}"
    COMMENT "${verb} revisions in ${shown_dir} into ${name}()"
    VERBATIM)

  # The stamp among the sources is what attaches the command to the target.
  target_sources(${target} PRIVATE "${source}" "${header}" "${stamp}")
  target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${out_dir}>")
  set(runtime_libraries Migrations::runtime)
  if("postgresql" IN_LIST dialects)
    list(APPEND runtime_libraries Migrations::postgresql)
  endif()
  _migrations_link(${target} ${runtime_libraries})

  set(cpp_files "${revision_files}")
  list(FILTER cpp_files INCLUDE REGEX "\\.cpp$")
  if(arg_VERIFY AND cpp_files)
    _migrations_add_verify_test(${target} "${name}" "${verify_test}" "${out_dir}" "${source}" "${header}"
                                "${cpp_files}" "${runtime_libraries}")
  endif()
endfunction()

# VERIFY of C++ revisions, which the generator cannot run: the executable and CTest test
# <test>, built from the catalog's generated source and the .cpp revisions (compiled again,
# with the same MIGRATIONS_REVISION_KEY) and <target>'s usage of headers and libraries, whose
# main is detail::verify_catalog (runtime/verify_catalog.cpp). Without testing enabled, says
# that the test is skipped.
function(_migrations_add_verify_test target name test out_dir source header cpp_files runtime_libraries)
  if(TARGET "${test}" OR TEST "${test}")
    message(FATAL_ERROR "the VERIFY test of C++ revisions is named '${test}', but a target or test of that name "
                        "already exists; give the test another name with VERIFY_TEST_NAME <name>")
  endif()
  if(NOT CMAKE_TESTING_ENABLED)
    message(STATUS "add_migrations(${target}): the VERIFY test ${test} of the C++ revisions is skipped: testing is "
                   "not enabled (call enable_testing() or include(CTest) before add_migrations())")
    return()
  endif()
  set(main "${out_dir}/${test}_main.cpp")
  string(CONCAT content "// Generated by add_migrations(): the VERIFY test of ${name}'s C++ revisions. DO NOT EDIT.\n"
              "#include <migrations/catalog.hpp>\n\n#include \"${name}.hpp\"\n\n"
              "int main(int argc, char** argv) { return migrations::detail::verify_catalog(${name}(), argc, argv); }\n")
  file(CONFIGURE OUTPUT "${main}" CONTENT "${content}" @ONLY)
  add_executable(${test} "${main}" "${source}" "${header}" ${cpp_files})
  foreach(file IN LISTS cpp_files)
    get_filename_component(stem "${file}" NAME_WLE)
    string(MAKE_C_IDENTIFIER "${name}_${stem}" key)
    set_property(SOURCE "${file}" TARGET_DIRECTORY ${test} PROPERTY COMPILE_DEFINITIONS
                 "MIGRATIONS_REVISION_KEY=${key}")
  endforeach()
  # The generated source is a byproduct of <target>'s custom command: built after <target>,
  # the rule runs once (two independent targets sharing it may run it twice at once under
  # Makefile generators).
  add_dependencies(${test} ${target})
  target_include_directories(${test} PRIVATE "${out_dir}" $<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>)
  target_compile_definitions(${test} PRIVATE $<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>)
  target_compile_options(${test} PRIVATE $<TARGET_PROPERTY:${target},COMPILE_OPTIONS>)
  target_compile_features(${test} PRIVATE cxx_std_17)
  target_link_libraries(${test} PRIVATE $<TARGET_PROPERTY:${target},LINK_LIBRARIES> ${runtime_libraries})
  add_test(NAME ${test} COMMAND ${test} --source-root "${CMAKE_CURRENT_SOURCE_DIR}")
  set_tests_properties(${test} PROPERTIES LABELS migrations_verify)
endfunction()

# Fails unless <target> is a non-imported executable or library of this project.
function(_migrations_check_target target)
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "'${target}' is not a target; call add_migrations() after "
                        "add_executable(${target} ...) or add_library(${target} ...)")
  endif()
  get_target_property(imported "${target}" IMPORTED)
  get_target_property(aliased "${target}" ALIASED_TARGET)
  get_target_property(type "${target}" TYPE)
  if(imported OR aliased OR NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
    message(FATAL_ERROR "'${target}' must be an executable or a library built by this project, "
                        "not an imported, alias or ${type} target")
  endif()
endfunction()

# Fails when a revision file's name holds a character the build rules cannot carry: ';' (a
# CMake list separator: the glob's list splits the name), '"', '\' or a newline (quoting in
# the generated build files). Checked at configure time, with the file named, rather than
# left to fail the build with an unrelated CMake or Ninja error.
function(_migrations_check_file_names dir files)
  file(GLOB with_semicolon LIST_DIRECTORIES false "${dir}/*;*.sql")
  if(NOT with_semicolon STREQUAL "")
    string(REGEX REPLACE "^.*/" "" shown "${with_semicolon}")
    message(FATAL_ERROR "revision file '${shown}' in ${dir} has ';' in its name, which CMake takes for a "
                        "list separator; rename the file (its '-- revision:' header is its id, not its name)")
  endif()
  foreach(file IN LISTS files)
    foreach(character IN ITEMS "\"" "\\" "\n")
      string(FIND "${file}" "${character}" found)
      if(found EQUAL -1)
        continue()
      endif()
      get_filename_component(shown "${file}" NAME)
      string(REPLACE "\n" "\\n" shown "${shown}")
      if(character STREQUAL "\"")
        set(what "a double quote (\")")
      elseif(character STREQUAL "\\")
        set(what "a backslash (\\)")
      else()
        set(what "a newline")
      endif()
      message(FATAL_ERROR "revision file '${shown}' in ${dir} has ${what} in its name, which the build rules "
                          "cannot carry; rename the file (its '-- revision:' header is its id, not its name)")
    endforeach()
  endforeach()
endfunction()

# Adds the C++ revisions among <files> to <target>, each compiled with MIGRATIONS_REVISION_KEY
# set to <name>_<file name without .cpp> made an identifier: the prefix of the functions its
# macros define (include/migrations/revision.hpp), which the generator derives the same way
# (cpp_revision_key in generator/codegen.hpp) for the table of steps in the catalog.
function(_migrations_add_cpp_revisions target name files)
  set(cpp_files "${files}")
  list(FILTER cpp_files INCLUDE REGEX "\\.cpp$")
  foreach(file IN LISTS cpp_files)
    get_filename_component(stem "${file}" NAME_WLE)
    string(MAKE_C_IDENTIFIER "${name}_${stem}" key)
    get_property(defined SOURCE "${file}" TARGET_DIRECTORY ${target} PROPERTY COMPILE_DEFINITIONS)
    if(defined MATCHES "MIGRATIONS_REVISION_KEY=" AND NOT defined STREQUAL "MIGRATIONS_REVISION_KEY=${key}")
      message(FATAL_ERROR "C++ revision '${file}' is already compiled into another catalog (${defined}); "
                          "a C++ revision belongs to one add_migrations() call")
    endif()
    set_property(SOURCE "${file}" TARGET_DIRECTORY ${target} PROPERTY COMPILE_DEFINITIONS
                 "MIGRATIONS_REVISION_KEY=${key}")
  endforeach()
  if(cpp_files)
    target_sources(${target} PRIVATE ${cpp_files})
  endif()
endfunction()

# Sets <out> to the validated list of dialects. The default is sqlite, plus postgresql when
# Migrations::postgresql is already here (find_package(Migrations COMPONENTS postgresql), or a
# source build with MIGRATIONS_WITH_POSTGRESQL): an SQLite-only consumer never links libpq.
# DIALECTS postgresql imports the component on demand when find_package() did not ask for it.
function(_migrations_dialects out requested)
  set(available sqlite)
  if(TARGET Migrations::postgresql)
    list(APPEND available postgresql)
  endif()
  if(requested STREQUAL "")
    set(${out} ${available} PARENT_SCOPE)
    return()
  endif()
  list(REMOVE_DUPLICATES requested)
  foreach(dialect IN LISTS requested)
    if(NOT dialect MATCHES "^(sqlite|postgresql)$")
      message(FATAL_ERROR "unknown dialect '${dialect}' in DIALECTS; expected sqlite and/or postgresql")
    endif()
    if(dialect STREQUAL "postgresql" AND NOT TARGET Migrations::postgresql)
      get_property(component GLOBAL PROPERTY _MIGRATIONS_POSTGRESQL_COMPONENT)
      if(component STREQUAL "")
        message(FATAL_ERROR "DIALECTS names 'postgresql' but this Migrations package was built without it "
                            "(available: ${available}); rebuild it with MIGRATIONS_WITH_POSTGRESQL=ON")
      endif()
      _migrations_load_postgresql(missing)
      if(NOT missing STREQUAL "")
        message(FATAL_ERROR "DIALECTS names 'postgresql': ${missing}")
      endif()
    endif()
  endforeach()
  set(${out} ${requested} PARENT_SCOPE)
endfunction()

# Imports Migrations::postgresql (and libpqxx, libpq) from the installed package, as global
# targets; sets <missing> to "" on success, else to a message naming what is missing.
function(_migrations_load_postgresql missing)
  get_property(component GLOBAL PROPERTY _MIGRATIONS_POSTGRESQL_COMPONENT)
  if(TARGET Migrations::postgresql)
    set(${missing} "" PARENT_SCOPE)
    return()
  endif()
  if(component STREQUAL "")
    set(${missing} "this Migrations package was built without PostgreSQL (rebuild it with MIGRATIONS_WITH_POSTGRESQL=ON)"
        PARENT_SCOPE)
    return()
  endif()
  include("${component}")
  if(_MIGRATIONS_POSTGRESQL_MISSING STREQUAL "")
    set_property(TARGET Migrations::postgresql PROPERTY IMPORTED_GLOBAL TRUE)
  endif()
  set(${missing} "${_MIGRATIONS_POSTGRESQL_MISSING}" PARENT_SCOPE)
endfunction()

# Sets <command> to what COMMAND runs and <file> to what DEPENDS names, so that rebuilding the
# generator regenerates every catalog.
function(_migrations_generator command file)
  if(MIGRATIONS_GENERATOR_EXECUTABLE)
    if(NOT EXISTS "${MIGRATIONS_GENERATOR_EXECUTABLE}")
      message(FATAL_ERROR "MIGRATIONS_GENERATOR_EXECUTABLE='${MIGRATIONS_GENERATOR_EXECUTABLE}' does not exist")
    endif()
    _migrations_check_generator_format("${MIGRATIONS_GENERATOR_EXECUTABLE}")
    set(${command} "${MIGRATIONS_GENERATOR_EXECUTABLE}" PARENT_SCOPE)
    set(${file} "${MIGRATIONS_GENERATOR_EXECUTABLE}" PARENT_SCOPE)
  elseif(TARGET Migrations::migrations)
    _migrations_warn_cross_compiling()
    set(${command} "$<TARGET_FILE:Migrations::migrations>" PARENT_SCOPE)
    set(${file} "$<TARGET_FILE:Migrations::migrations>" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "the Migrations::migrations tool is not available (a package or build with "
                        "MIGRATIONS_BUILD_TOOL=OFF has none); find_package(Migrations), or set "
                        "MIGRATIONS_GENERATOR_EXECUTABLE to a migrations tool built for this machine")
  endif()
endfunction()

# When cross-compiling, Migrations::migrations is built for the target (or imported from a
# package built for it) and the build machine may not run it: warns once per configure, naming
# the fix, unless MIGRATIONS_GENERATOR_EXECUTABLE names a host tool.
function(_migrations_warn_cross_compiling)
  get_property(warned GLOBAL PROPERTY _MIGRATIONS_CROSS_COMPILING_WARNED)
  if(NOT CMAKE_CROSSCOMPILING OR warned)
    return()
  endif()
  set_property(GLOBAL PROPERTY _MIGRATIONS_CROSS_COMPILING_WARNED TRUE)
  message(WARNING "cross-compiling (CMAKE_CROSSCOMPILING) without MIGRATIONS_GENERATOR_EXECUTABLE: the build runs "
                  "Migrations::migrations, which is built for the target and may not run on this machine; build "
                  "the migrations tool for the host (MIGRATIONS_BUILD_TOOL=ON in a host build) and pass "
                  "-DMIGRATIONS_GENERATOR_EXECUTABLE=<host prefix>/bin/migrations")
endfunction()

# Fails unless the external generator writes the catalog format this runtime reads: a generator
# and a runtime of different formats fail here, at configure time, not when the program starts.
function(_migrations_check_generator_format generator)
  get_property(runtime_format GLOBAL PROPERTY _MIGRATIONS_CATALOG_FORMAT_VERSION)
  if(runtime_format STREQUAL "")
    return()
  endif()
  execute_process(COMMAND "${generator}" --version OUTPUT_VARIABLE shown ERROR_VARIABLE shown
                  RESULT_VARIABLE result OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT result EQUAL 0 OR NOT shown MATCHES "\\(catalog format ([0-9]+)\\)")
    message(FATAL_ERROR "MIGRATIONS_GENERATOR_EXECUTABLE='${generator}' does not say its catalog format "
                        "(`${generator} --version` printed '${shown}'); use the migrations tool of the same "
                        "release as this runtime")
  endif()
  set(format "${CMAKE_MATCH_1}")
  if(NOT format EQUAL runtime_format)
    message(FATAL_ERROR "MIGRATIONS_GENERATOR_EXECUTABLE='${generator}' writes catalog format ${format}, but this "
                        "Migrations runtime reads format ${runtime_format}; use the migrations "
                        "tool of the same release as the runtime")
  endif()
endfunction()

# Links <target> privately to the given libraries without target_link_libraries(), whose
# plain and keyword signatures cannot be mixed: the consumer may use either.
function(_migrations_link target)
  foreach(library IN LISTS ARGN)
    set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${library})
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "STATIC_LIBRARY" OR type STREQUAL "OBJECT_LIBRARY")
      set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES "$<LINK_ONLY:${library}>")
    endif()
  endforeach()
endfunction()
