#!/usr/bin/env bash
# @brief The product agrees with itself on a revision set shaped like real projects' (long files,
# triggers, dollar-quoted functions, DO blocks, an enum label used by the next revision,
# CONCURRENTLY, statements without a final `;`): `migrations check` and `verify` accept it, and
# the runtime's upgrade and the offline `sql` script, applied by sqlite3 -bail and by
# psql -v ON_ERROR_STOP=1, leave the same schema, the same data and the same version rows.
# usage: agreement_test.sh <migrations tool> <revisions dir> <work dir> <postgresql url file or "">
set -euo pipefail
tool=$1 revisions=$2 work=$3 pg_url_file=${4:-}
rm -rf "$work" && mkdir -p "$work" && cd "$work"

fail() { echo "agreement_test: $*" >&2; exit 1; }
same() {  # same <what> <file a> <file b>
  diff -u "$2" "$3" >"$1.diff" || { cat "$1.diff" >&2; fail "$1 differ between the runtime and the offline script"; }
}

"$tool" check --dir "$revisions"
"$tool" verify --dir "$revisions"

# SQLite
"$tool" upgrade --dir "$revisions" --database "sqlite:///runtime.db"
"$tool" sql --dir "$revisions" --dialect sqlite head >sqlite.sql
sqlite3 -bail offline.db <sqlite.sql >/dev/null || fail "sqlite3 -bail refused the offline script sqlite.sql"
for db in runtime offline; do
  sqlite3 "$db.db" .schema >"$db.sqlite-schema"
  sqlite3 "$db.db" "SELECT revision, checksum, state FROM schema_revisions ORDER BY revision" >"$db.sqlite-rows"
  sqlite3 "$db.db" "SELECT count(*), group_concat(display_name || ':' || status, ',') FROM (SELECT * FROM accounts ORDER BY id)" \
    >"$db.sqlite-data"
done
same "SQLite schemas" runtime.sqlite-schema offline.sqlite-schema
same "SQLite version rows" runtime.sqlite-rows offline.sqlite-rows
same "SQLite data" runtime.sqlite-data offline.sqlite-data
[ "$(wc -l <runtime.sqlite-rows)" -eq "$(ls "$revisions"/*.sql | wc -l)" ] || fail "not every revision has a row"

[ -n "$pg_url_file" ] || { echo "agreement_test: SQLite agrees"; exit 0; }

# PostgreSQL: two fresh databases on the test cluster.
server=$(cat "$pg_url_file")
base=${server%/*}
suffix=$$_$RANDOM
for db in runtime offline; do psql "$server" -qAtc "CREATE DATABASE agreement_${db}_$suffix" >/dev/null; done
cleanup() {
  for db in runtime offline; do psql "$server" -qAtc "DROP DATABASE IF EXISTS agreement_${db}_$suffix" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
"$tool" upgrade --dir "$revisions" --database "$base/agreement_runtime_$suffix"
"$tool" sql --dir "$revisions" --dialect postgresql head >postgresql.sql
psql "$base/agreement_offline_$suffix" -q -v ON_ERROR_STOP=1 -f postgresql.sql >/dev/null ||
  fail "psql -v ON_ERROR_STOP=1 refused the offline script postgresql.sql"
dump=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/pg_dump
for db in runtime offline; do
  url="$base/agreement_${db}_$suffix"
  # pg_dump 15.14+ writes \restrict lines with a random key on every run: not schema.
  "$dump" --schema-only --no-owner "$url" | grep -v -e '^--' -e '^$' -e '^\\restrict ' -e '^\\unrestrict ' >"$db.pg-schema"
  psql "$url" -qAtc "SELECT revision, checksum, state FROM schema_revisions ORDER BY revision" >"$db.pg-rows"
  psql "$url" -qAtc "SELECT count(*), string_agg(display_name || ':' || status, ',' ORDER BY id) FROM accounts" >"$db.pg-data"
done
same "PostgreSQL schemas" runtime.pg-schema offline.pg-schema
same "PostgreSQL version rows" runtime.pg-rows offline.pg-rows
same "PostgreSQL data" runtime.pg-data offline.pg-data
grep -q "suspended" runtime.pg-data || fail "the enum label added by a1c0ffee0004 was not used by a1c0ffee0005"
echo "agreement_test: SQLite and PostgreSQL agree"
