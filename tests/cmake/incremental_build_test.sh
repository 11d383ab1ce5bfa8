#!/usr/bin/env bash
# @brief Checks that a consumer's build regenerates its catalog exactly when it must: touching,
# editing, adding, renaming and removing a revision file regenerate; a rebuild with no change
# runs nothing; a regeneration with identical output recompiles nothing.
# usage: incremental_build_test.sh <install prefix> <work dir> [cmake options...]
set -euo pipefail
prefix=$1
work=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work"
cp -r "$here/consumer" "$work/src"
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" "$@" >/dev/null
revisions="$work/src/migrations"
generated_object="consumer_migrations.cpp.o"
failures=0

step() { echo "-- $1"; output=$(cmake --build "$work/build" 2>&1) || { echo "$output"; exit 1; }; }
expect() {
  if ! grep -qF -- "$1" <<<"$output"; then echo "FAIL: expected '$1' in:"; echo "$output"; failures=$((failures + 1)); fi
}
refuse() {
  if grep -qF -- "$1" <<<"$output"; then echo "FAIL: did not expect '$1' in:"; echo "$output"; failures=$((failures + 1)); fi
}
expect_catalog() {
  local shown
  shown=$("$work/build/consumer" | head -n 1)
  if [ "$shown" != "$1" ]; then echo "FAIL: catalog is '$shown', expected '$1'"; failures=$((failures + 1)); fi
}

step "first build"
expect "Checking and compiling revisions"
expect_catalog "consumer_migrations: 2 revisions 1a2b3c4d5e6f 2b3c4d5e6f70"

step "rebuild without change runs nothing"
expect "no work to do"

touch "$revisions/2b3c4d5e6f70_add_email.sql"
step "touching a revision regenerates but recompiles nothing"
expect "Checking and compiling revisions"
refuse "$generated_object"

step "and the build after that is clean again"
expect "no work to do"

printf '\n-- a comment in the downgrade changes the table\n' >>"$revisions/2b3c4d5e6f70_add_email.sql"
step "editing a revision regenerates and recompiles"
expect "Checking and compiling revisions"
expect "$generated_object"

cat >"$revisions/3c4d5e6f7081_add_index.sql" <<'SQL'
-- revision: 3c4d5e6f7081
-- down_revision: 2b3c4d5e6f70
-- message: index users by email

-- upgrade
CREATE INDEX users_email ON users (email);

-- downgrade
DROP INDEX users_email;
SQL
step "adding a revision regenerates"
expect "Checking and compiling revisions"
expect_catalog "consumer_migrations: 3 revisions 1a2b3c4d5e6f 2b3c4d5e6f70 3c4d5e6f7081"

mv "$revisions/3c4d5e6f7081_add_index.sql" "$revisions/3c4d5e6f7081_index_email.sql"
step "renaming a revision regenerates"
expect "Checking and compiling revisions"
expect_catalog "consumer_migrations: 3 revisions 1a2b3c4d5e6f 2b3c4d5e6f70 3c4d5e6f7081"

rm "$revisions/3c4d5e6f7081_index_email.sql"
step "removing a revision regenerates"
expect "Checking and compiling revisions"
expect_catalog "consumer_migrations: 2 revisions 1a2b3c4d5e6f 2b3c4d5e6f70"

step "rebuild without change runs nothing"
expect "no work to do"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "incremental build: all checks passed"
