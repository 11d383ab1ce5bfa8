# @brief Writes the `migrations(1)` man page from the tool's own help, so the page cannot drift
# from the command line: `migrations --help` gives NAME, SYNOPSIS and the global options, the
# `Subcommands:` list gives the verbs, and `migrations <verb> --help` gives one COMMANDS entry
# per verb. Run at build time by cmake/Packaging.cmake:
#
#   cmake -DTOOL=<migrations executable> -DOUTPUT=<file.1> [-DEMULATOR=<cross emulator>] -P ManPage.cmake
#
# Reads CLI11's help layout: description lines, `Usage: ...`, then `Heading:` sections of
# `  name   description` rows (a long name puts its description on the next, indented line).
# The output is deterministic: no date, the same help gives the same bytes.
cmake_minimum_required(VERSION 3.20)

foreach(_required TOOL OUTPUT)
  if(NOT DEFINED ${_required})
    message(FATAL_ERROR "ManPage.cmake: ${_required} is not set (-D${_required}=<path>)")
  endif()
endforeach()

# CMake lists split at ';' and keep '[...]' together, and help text has both; these stand in
# for them until a line is rendered.
string(ASCII 28 _open)
string(ASCII 29 _close)
string(ASCII 30 _semicolon)

# _man_run(<out var> <args>...): the tool's stdout for <args>; a failure stops the build.
function(_man_run out)
  execute_process(COMMAND ${EMULATOR} ${TOOL} ${ARGN} OUTPUT_VARIABLE text ERROR_VARIABLE error
                  RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    string(STRIP "${error}" error)
    message(FATAL_ERROR "ManPage.cmake: '${TOOL} ${command}' failed (${result}): ${error}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# _man_lines(<out var> <text>): the text as a list of lines, ';', '[' and ']' stood in for.
function(_man_lines out text)
  string(REPLACE ";" "${_semicolon}" text "${text}")
  string(REPLACE "[" "${_open}" text "${text}")
  string(REPLACE "]" "${_close}" text "${text}")
  string(REGEX REPLACE "\n+$" "" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# _man_roff(<out var> <line>): one line of help as roff text: the stand-ins back, backslashes
# and minus signs escaped, a leading '.' or '\'' kept from reading as a request.
function(_man_roff out line)
  string(REPLACE "\\" "\\e" line "${line}")
  string(REPLACE "-" "\\-" line "${line}")
  string(REPLACE "${_semicolon}" ";" line "${line}")
  string(REPLACE "${_open}" "[" line "${line}")
  string(REPLACE "${_close}" "]" line "${line}")
  if(line MATCHES "^[.']")
    set(line "\\&${line}")
  endif()
  set(${out} "${line}" PARENT_SCOPE)
endfunction()

# _man_page_of(<out var> <help text> <heading macro>): the roff of one `--help` output: its
# description, its usage line, then each `Heading:` as <heading macro> with a tagged
# paragraph (.TP) per row. Also sets <out var>_description (the first line) and
# <out var>_verbs (the names under `Subcommands:`).
function(_man_page_of out help heading_macro)
  _man_lines(lines "${help}")
  set(roff "")
  set(description "")
  set(verbs "")
  set(section "")
  set(row_open FALSE)
  foreach(line IN LISTS lines)
    if(line MATCHES "^Usage: (.*)$")
      _man_roff(usage "${CMAKE_MATCH_1}")
      string(APPEND roff ".PP\n\\fBUsage:\\fR ${usage}\n")
      set(section "usage")
    elseif(line MATCHES "^([A-Za-z][A-Za-z ]*):$")
      set(section "${CMAKE_MATCH_1}")
      string(APPEND roff "${heading_macro} ${section}\n")
    elseif(line STREQUAL "")
      # Blank lines separate sections; the headings do that in roff.
    elseif(section STREQUAL "")
      # Before `Usage:`: the description.
      _man_roff(text "${line}")
      if(description STREQUAL "")
        set(description "${line}")
      endif()
      string(APPEND roff "${text}\n")
    elseif(line MATCHES "^  ([^ ].*[^ ])  +([^ ].*)$")
      # A row: the name (with its type and default), then its description.
      set(name "${CMAKE_MATCH_1}")
      _man_roff(text "${CMAKE_MATCH_2}")
      _man_roff(tag "${name}")
      string(APPEND roff ".TP\n\\fB${tag}\\fR\n${text}\n")
      if(section STREQUAL "Subcommands")
        list(APPEND verbs "${name}")
      endif()
    elseif(line MATCHES "^  ([^ ].*)$")
      # A name too long for its column: the description follows on the next line.
      _man_roff(tag "${CMAKE_MATCH_1}")
      string(APPEND roff ".TP\n\\fB${tag}\\fR\n")
    elseif(line MATCHES "^ +([^ ].*)$")
      # The description of a long name, or the continuation of one.
      _man_roff(text "${CMAKE_MATCH_1}")
      string(APPEND roff "${text}\n")
    else()
      _man_roff(text "${line}")
      string(APPEND roff ".PP\n${text}\n")
    endif()
  endforeach()
  set(${out} "${roff}" PARENT_SCOPE)
  set(${out}_description "${description}" PARENT_SCOPE)
  set(${out}_verbs "${verbs}" PARENT_SCOPE)
endfunction()

_man_run(version_text --version)
string(STRIP "${version_text}" version_text)
_man_roff(version_roff "${version_text}")
_man_run(top_help --help)
_man_page_of(top "${top_help}" ".SS")
if(top_verbs STREQUAL "")
  message(FATAL_ERROR "ManPage.cmake: '${TOOL} --help' lists no Subcommands; the page would have no verbs")
endif()
_man_roff(name_line "${top_description}")

set(page ".\\\" Generated by cmake/ManPage.cmake from `migrations --help` and each verb's --help. DO NOT EDIT.\n")
string(APPEND page ".TH MIGRATIONS 1 \"\" \"${version_roff}\" \"User Commands\"\n.nh\n")
string(APPEND page ".SH NAME\nmigrations \\- ${name_line}\n")
string(APPEND page ".SH SYNOPSIS\n.B migrations\n[\\fIOPTIONS\\fR] \\fIVERB\\fR [\\fIVERB OPTIONS\\fR]\n")
string(APPEND page ".SH DESCRIPTION\n${top}")
string(APPEND page ".SH COMMANDS\nEach verb takes \\fB\\-\\-help\\fR, which prints its entry below.\n")
foreach(verb IN LISTS top_verbs)
  _man_run(verb_help ${verb} --help)
  _man_page_of(entry "${verb_help}" ".PP\n.I")
  _man_roff(verb_roff "${verb}")
  string(APPEND page ".SS \"migrations ${verb_roff}\"\n${entry}")
endforeach()
string(APPEND page ".SH ENVIRONMENT\n.TP\n.B DATABASE_URL\n"
                   "The database of the database verbs when \\fB\\-\\-database\\fR is not given.\n"
                   ".TP\n.B MIGRATIONS_DIR\n"
                   "The revision directory when \\fB\\-\\-dir\\fR is not given (else \\fI./migrations\\fR).\n")
string(APPEND page ".SH \"SEE ALSO\"\n"
                   "The documentation installed with the package: \\fI/usr/share/doc/migrations/README.md\\fR, "
                   "\\fIdocs/migrations\\-tool.md\\fR (this command), \\fIdocs/cmake.md\\fR (\\fBadd_migrations\\fR), "
                   "\\fIdocs/format.md\\fR (revision files) and \\fIdocs/packaging.md\\fR.\n")

# Always written: the page runs only when the tool was rebuilt, and a page left older than the
# tool would make Makefile builds run this again every time (nothing compiles from it).
file(WRITE "${OUTPUT}" "${page}")
