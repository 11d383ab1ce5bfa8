#!/usr/bin/env bash
# @brief Starts or stops a throwaway PostgreSQL cluster for the tests, on loopback, on a free
# port, in a directory of its own. As root, the server runs as the `postgres` OS user
# (PostgreSQL refuses to run as root). Fails loudly when the server cannot start: tests that
# need PostgreSQL never skip.
# usage: cluster.sh start <dir>   -> writes <dir>/url (postgresql://postgres@127.0.0.1:PORT/postgres)
#        cluster.sh stop <dir>
set -euo pipefail
action=${1:?usage: cluster.sh start|stop <dir>}
dir=${2:?usage: cluster.sh start|stop <dir>}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/pg_ctl" ] || { echo "cluster.sh: PostgreSQL server binaries not found; run scripts/setup" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$((20000 + (RANDOM % 30000)))
      if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
           -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" >/dev/null 2>&1; then
        echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
        echo "PostgreSQL cluster started: $(cat "$dir/url") (attempt $attempt)"
        exit 0
      fi
    done
    echo "cluster.sh: the PostgreSQL server did not start; its log:" >&2
    cat "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    echo "PostgreSQL cluster stopped"
    ;;
  *)
    echo "usage: cluster.sh start|stop <dir>" >&2
    exit 2
    ;;
esac
