#!/usr/bin/env bash
# @brief The example's soft-delete walkthrough, end to end on a real database:
# add, soft-delete, list hides it, restore, `db downgrade -2` then `db upgrade`, data kept; and
# the C++ revision (e4f6a8b0c2d4_normalise_titles.cpp) rewriting titles of existing rows.
# usage: scenario_test.sh <todo binary> <work dir>                 (SQLite: <work dir>/todo.db)
#        scenario_test.sh <todo binary> <work dir> <server URL file> (PostgreSQL: a fresh database)
set -euo pipefail
todo=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
cd "$work"
if [ $# -ge 3 ]; then
  server=$(sed 's|/[^/]*$||' "$3")
  psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS todo_example" -c "CREATE DATABASE todo_example"
  export DATABASE_URL="$server/todo_example"
  shown=$(sed 's|[.]|[.]|g' <<<"$DATABASE_URL")
  query() { psql -Atq -F '|' "$DATABASE_URL" -c "$1"; }
else
  export DATABASE_URL=sqlite:///todo.db
  shown='todo[.]db'
  query() { sqlite3 todo.db "$1"; }
fi
failures=0

check() {  # check <description> <expected output> <command...>
  local description=$1 expected=$2
  shift 2
  local actual
  actual=$("$@" 2>&1) || true
  if [ "$actual" != "$expected" ]; then
    printf 'FAIL: %s\n  command: %s\n  expected: %s\n  actual:   %s\n' "$description" "$*" "$expected" "$actual"
    failures=$((failures + 1))
  else
    echo "ok: $description"
  fi
}
matches() {  # matches <description> <regex> <command...>
  local description=$1 regex=$2
  shift 2
  local actual
  actual=$("$@" 2>&1) || true
  if ! grep -qE -- "$regex" <<<"$actual"; then
    printf 'FAIL: %s\n  command: %s\n  expected to match: %s\n  actual: %s\n' "$description" "$*" "$regex" "$actual"
    failures=$((failures + 1))
  else
    echo "ok: $description"
  fi
}

matches "the first start creates the schema and says so" \
  "^$shown: upgraded 4 revisions to e4f6a8b0c2d4 in [0-9.]+ ms" "$todo" list
check "the second start at head prints nothing" "" "$todo" list
check "add" "added #1" "$todo" add "write the migration"
check "add another" "added #2" "$todo" add "ship it"
check "done" "" "$todo" done 2
check "list shows both" "$(printf '   1 [ ] write the migration\n   2 [x] ship it')" "$todo" list
check "soft delete" "" "$todo" delete 1
check "list hides the deleted todo" "   2 [x] ship it" "$todo" list
check "deleting it again is an error" "todo: no todo #1" "$todo" delete 1
check "restore" "" "$todo" restore 1
check "list shows it again" "$(printf '   1 [ ] write the migration\n   2 [x] ship it')" "$todo" list
matches "db current names the head" "e4f6a8b0c2d4" "$todo" db current
check "db check passes at head" "0" sh -c "'$todo' db check >/dev/null 2>&1; echo \$?"
"$todo" db downgrade -2 >/dev/null
matches "db downgrade -2 goes back two revisions, the C++ one first" "8b2d4e6f1a3c" "$todo" db current
check "the downgraded schema has the done flag back, data kept" "$(printf '1|write the migration|0\n2|ship it|1')" \
  query "SELECT id, title, done FROM todos ORDER BY id"
"$todo" db upgrade >/dev/null
matches "db upgrade returns to head" "e4f6a8b0c2d4" "$todo" db current
check "after the round trip every todo is as it was" "$(printf '   1 [ ] write the migration\n   2 [x] ship it')" \
  "$todo" list
matches "db history lists every revision" "3f1a9c2e7b10" "$todo" db history

# The C++ revision on existing rows: titles written before it ran are normalised when it runs,
# by the application's own start.
"$todo" db downgrade -1 >/dev/null
query "INSERT INTO todos (title) VALUES ('  buy   milk ')"
query "UPDATE todos SET title = ' ship  it' WHERE id = 2"
matches "the application's start runs the C++ revision" "^$shown: upgraded 1 revision to e4f6a8b0c2d4" "$todo" list
check "the C++ revision normalised the existing titles, and only those that needed it" \
  "$(printf '1|write the migration\n2|ship it\n3|buy milk')" query "SELECT id, title FROM todos ORDER BY id"
check "db check passes after the C++ revision" "0" sh -c "'$todo' db check >/dev/null 2>&1; echo \$?"
matches "the offline script refuses a range holding the C++ revision, naming it" \
  "e4f6a8b0c2d4 \(migrations/e4f6a8b0c2d4_normalise_titles[.]cpp\), which is written in C\+\+" "$todo" db sql c7e9a1b3d5f2:head

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "example scenario: all checks passed"
