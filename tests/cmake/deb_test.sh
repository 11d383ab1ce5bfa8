#!/usr/bin/env bash
# @brief Builds the Debian package of a build tree with cpack, checks its metadata
# (`dpkg-deb -I`) and contents (`dpkg-deb -c`), unpacks it with `dpkg-deb -x` into
# <work dir>/root and runs the unpacked tool and man page. The example project is then built
# against <work dir>/root/usr by Deb.ExampleBuildsAgainstTheUnpackedPackage.
# usage: deb_test.sh <cpack> <build dir> <source dir> <version> <work dir> <postgresql: yes|no>
set -euo pipefail
cpack=$1
build=$2
source=$3
version=$4
work=$5
postgresql=$6

rm -rf "$work"
mkdir -p "$work"
failures=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
# has <description> <fixed string> <text>: the text holds the string.
has() {
  if grep -qF -- "$2" <<<"$3"; then ok "$1"; else fail "$1: '$2' not in:"$'\n'"$3"; fi
}

"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1; }
debs=("$work"/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "FAIL: expected one .deb in $work, found: ${debs[*]}"; exit 1; }
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "migrations_${version}-1_${arch}.deb" ] && ok "file name $(basename "$deb")" ||
  fail "file name $(basename "$deb") is not migrations_${version}-1_${arch}.deb"

# Metadata: name, version from project(VERSION), maintainer, description, and Depends holding
# both the listed libsqlite3-dev and what dpkg-shlibdeps found the tool loads.
info=$(dpkg-deb -I "$deb")
has "Package field" "Package: migrations" "$info"
has "Version field" "Version: ${version}-1" "$info"
has "Maintainer field" "Maintainer: " "$info"
has "Section field" "Section: devel" "$info"
has "Description field" "Description: Alembic-style schema migrations for C++" "$info"
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
has "Depends lists the SQLite headers consumers compile against" "libsqlite3-dev" "$depends"
has "Depends holds dpkg-shlibdeps' libc6" "libc6 (>=" "$depends"
has "Depends holds dpkg-shlibdeps' libsqlite3-0" "libsqlite3-0" "$depends"
recommends=$(sed -n 's/^ Recommends: //p' <<<"$info")
has "Recommends CMake" "cmake (>= " "$recommends"
if [ "$postgresql" = yes ]; then
  has "Recommends the PostgreSQL component's libpqxx-dev" "libpqxx-dev" "$recommends"
  grep -qF libpqxx-dev <<<"$depends" && fail "libpqxx-dev is in Depends: $depends" ||
    ok "libpqxx-dev is not in Depends"
fi

# Contents: the tool, the man page, the headers, the CMake package, the runtime, every doc.
contents=$(dpkg-deb -c "$deb" | awk '{print $NF}')
for path in ./usr/bin/migrations ./usr/share/man/man1/migrations.1.gz \
            ./usr/include/migrations/migrations.hpp ./usr/include/migrations/version.hpp \
            ./usr/share/doc/migrations/README.md ./usr/share/doc/migrations/LICENSE \
            ./usr/share/doc/migrations/CHANGELOG.md; do
  grep -qxF -- "$path" <<<"$contents" && ok "contains $path" || fail "$path is not in the package"
done
for doc in "$source"/docs/*.md; do
  path=./usr/share/doc/migrations/docs/$(basename "$doc")
  grep -qxF -- "$path" <<<"$contents" || fail "$path is not in the package"
done
ok "contains every docs/*.md"
grep -qE '^\./usr/lib/([^/]+/)?cmake/Migrations/MigrationsConfig\.cmake$' <<<"$contents" &&
  ok "contains the CMake package" || fail "no lib/cmake/Migrations/MigrationsConfig.cmake in the package"
grep -qE '^\./usr/lib/([^/]+/)?libmigrations\.a$' <<<"$contents" &&
  ok "contains the runtime library" || fail "no libmigrations.a in the package"

# Unpacked: the tool runs from the temporary root, the libraries have no debug information,
# and the man page has an entry per verb.
dpkg-deb -x "$deb" "$work/root"
tool=$work/root/usr/bin/migrations
has "the unpacked tool runs" "migrations ${version} " "$("$tool" --version 2>&1 || true)"
archive=$(find "$work/root/usr/lib" -name libmigrations.a)
if readelf -S --wide "$archive" | grep -q '\.debug_info'; then
  fail "the packaged $(basename "$archive") keeps its debug information"
else
  ok "the packaged static libraries are stripped of debug information"
fi
page=$(gzip -dc "$work/root/usr/share/man/man1/migrations.1.gz")
has "the man page is titled" '.TH MIGRATIONS 1 "" "migrations '"${version}" "$page"
verbs=$("$tool" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$verbs" ] || fail "migrations --help lists no verb"
for verb in $verbs; do
  grep -qxF -- ".SS \"migrations $verb\"" <<<"$page" || fail "the man page has no entry for '$verb'"
done
ok "the man page has an entry for each of the $(wc -w <<<"$verbs") verbs"
has "the man page shows a verb's options" '\fB\-\-transaction\-per\-revision\fR' "$page"
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z <<<"$page" 2>&1)
  [ -z "$warnings" ] && ok "groff renders the man page without warnings" || fail "groff warns: $warnings"
fi

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "deb: all checks passed ($(basename "$deb"), $(du -k "$deb" | cut -f1) KiB)"
