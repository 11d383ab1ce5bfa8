#!/usr/bin/env bash
# @brief Configures <source dir> into an emptied <work dir>, as a first configure does (a cache
# left by an earlier run would hide what a fresh one prints).
# Usage: fresh_configure.sh <source dir> <work dir> [cmake options...]
set -euo pipefail
src=$1
dir=$2
shift 2
rm -rf "$dir"
exec cmake -S "$src" -B "$dir" "$@"
