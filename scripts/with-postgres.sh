#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at PostgreSQL.
#
# With DATABASE_URL already set, the command simply runs against it. Otherwise a
# throwaway cluster is created in a temporary folder (as the `postgres` user when
# run as root, since PostgreSQL refuses to run as root), the command runs, and the
# cluster is stopped and removed afterwards, whether the command passed or failed.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
    return
  fi
  echo "with-postgres: no PostgreSQL found (initdb/pg_ctl). Install it, e.g." \
       "apt-get install -y postgresql, or set DATABASE_URL." >&2
  exit 1
}

PG_BIN=$(find_pg_bin)
PGDATA_ROOT=$(mktemp -d /tmp/clinic-pg.XXXXXX)
PGDATA="$PGDATA_ROOT/data"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_pg() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "$(id -u)" = "0" ]; then
  chown postgres "$PGDATA_ROOT"
fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_ROOT"
}
trap cleanup EXIT INT TERM

as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A throwaway test cluster need not survive a power cut; PG_DURABLE=1 (benchmarks)
# keeps PostgreSQL's normal durability so the figures are honest.
options="-h 127.0.0.1 -p $PORT -k $PGDATA_ROOT -c max_connections=200"
if [ "${PG_DURABLE:-0}" != "1" ]; then
  options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA_ROOT/server.log" -w -o "$options" start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/clinic"

# A way for a test to stop this cluster and start it again (what a patient
# meets when the database is down): $TEST_POSTGRES_CTL stop|start.
run_as=""
[ "$(id -u)" = "0" ] && run_as="runuser -u postgres --"
cat > "$PGDATA_ROOT/ctl" <<CTL
#!/bin/sh
case "\$1" in
  stop) exec $run_as "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop ;;
  start) exec $run_as "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA_ROOT/server.log" -w -o "$options" start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
chmod 755 "$PGDATA_ROOT/ctl"
export TEST_POSTGRES_CTL="$PGDATA_ROOT/ctl"
PSQL="$PG_BIN/psql"
[ -x "$PSQL" ] || PSQL=psql
as_pg "$PSQL" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'CREATE DATABASE clinic'
set +e
"$@"
status=$?
set -e
exit $status
