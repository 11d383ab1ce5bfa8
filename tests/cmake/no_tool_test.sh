#!/usr/bin/env bash
# @brief MIGRATIONS_BUILD_TOOL=OFF at the top level: the configure succeeds without OpenSSL (the
# tool's dependency, disabled here), with tests and examples off by default, and defines no
# generator or tool target.
# Usage: no_tool_test.sh <source dir> <work dir> [cmake options...]
set -euo pipefail
src=$1
dir=$2
shift 2
rm -rf "$dir"
cmake -S "$src" -B "$dir" -DMIGRATIONS_BUILD_TOOL=OFF -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON "$@"
if [[ -e $dir/generator ]]; then
  echo "no_tool_test: the generator directory was configured" >&2
  exit 1
fi
grep -q '^MIGRATIONS_BUILD_TESTS:BOOL=OFF$' "$dir/CMakeCache.txt"
grep -q '^MIGRATIONS_BUILD_EXAMPLES:BOOL=OFF$' "$dir/CMakeCache.txt"
echo "no_tool_test: the runtime alone, without the tool or OpenSSL"
