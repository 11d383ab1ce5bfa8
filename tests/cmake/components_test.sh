#!/usr/bin/env bash
# @brief Builds tests/cmake/components against the installed package and checks what the binary
# links and serves: libpq in `ldd` exactly when expected, an SQLite URL upgraded, and a
# postgresql:// URL either reaching the backend or refused with the error naming the fix.
# With `none`, pkg-config sees no package at all (a machine without libpqxx-dev).
# usage: components_test.sh <install prefix> <work dir> <libpq: yes|no> <pkg-config: system|none>
#                           [cmake options...]
set -euo pipefail
prefix=$1
work=$2
want_libpq=$3
view=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work/empty-pkgconfig"
environment=()
if [ "$view" = none ]; then
  environment=(env PKG_CONFIG_LIBDIR="$work/empty-pkgconfig" PKG_CONFIG_PATH="$work/empty-pkgconfig")
fi
"${environment[@]}" cmake -S "$here/components" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" "$@" \
  >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
grep 'Migrations_postgresql_FOUND=' "$work/configure.log"
cmake --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

failures=0
# ldd's output is read whole first: `ldd | grep -q` under pipefail fails when grep stops
# early and ldd gets SIGPIPE, which read as "not linked" now and then.
libraries=$(ldd "$work/build/app")
if grep -q 'libpq\.so' <<<"$libraries"; then has_libpq=yes; else has_libpq=no; fi
echo "libpq linked: $has_libpq"
if [ "$has_libpq" != "$want_libpq" ]; then
  echo "FAIL: expected libpq linked: $want_libpq"; ldd "$work/build/app"; failures=$((failures + 1))
fi

sqlite_out=$("$work/build/app" "sqlite:///$work/app.db" || true)
echo "sqlite: $sqlite_out"
if [ "$sqlite_out" != "upgraded 2 revisions" ]; then echo "FAIL: SQLite upgrade"; failures=$((failures + 1)); fi

# Port 1 on the loopback refuses at once: the backend is reached, or the binary says it has none.
postgresql_out=$("$work/build/app" "postgresql://nobody@127.0.0.1:1/none" || true)
echo "postgresql: $postgresql_out"
refusal="error: URL 'postgresql://nobody@127.0.0.1:1/none' needs the PostgreSQL backend, which this binary was built without; link it: find_package(Migrations COMPONENTS postgresql) or add_migrations(<target> ... DIALECTS sqlite postgresql)"
if [ "$want_libpq" = no ] && [ "$postgresql_out" != "$refusal" ]; then
  echo "FAIL: expected: $refusal"; failures=$((failures + 1))
fi
if [ "$want_libpq" = yes ] && [ "$postgresql_out" = "$refusal" ]; then
  echo "FAIL: the PostgreSQL backend is missing"; failures=$((failures + 1))
fi
exit $failures
