#!/usr/bin/env bash
# @brief A stand-in for `migrations` whose --help holds what cmake/ManPage.cmake must render
# with care: ';', '[...]', '\', a line starting with '.', a name too long for its column, a
# description continued on a second line. FAKE_TOOL=fail makes --help fail; FAKE_TOOL=flat
# lists no subcommands.
case "${1:-} ${2:-}" in
  "--version ") echo "fake 1.2.3 (catalog format 9)" ;;
  "--help ")
    [ "${FAKE_TOOL:-}" = fail ] && { echo "fake: cannot help" >&2; exit 3; }
    cat <<'HELP'
A fake tool; it checks things [sometimes]
Usage: fake [OPTIONS] SUBCOMMAND

Options:
  -h,--help                   Print this help message and exit
  --version                   Display program version information and exit

HELP
    [ "${FAKE_TOOL:-}" = flat ] && exit 0
    cat <<'HELP'
Subcommands:
  up                          Apply; then report
  odd                         Escape C:\path and -- dashes
HELP
    ;;
  "up --help")
    cat <<'HELP'
Apply; then report
Usage: fake up [OPTIONS] [target]

Positionals:
  target TEXT                 [FROM:]TO, e.g. head

Options:
  -h,--help                   Print this help message and exit
  --a-very-long-option-name TEXT:{one,two}=one
                              Its description is on the next line
                              and goes on here
HELP
    ;;
  "odd --help")
    printf '%s\n' "Escape C:\\path and -- dashes" "Usage: fake odd" "" "Notes:" ".starts with a dot" \
                  "'starts with a quote"
    ;;
  *) echo "fake: unknown arguments: $*" >&2; exit 2 ;;
esac
