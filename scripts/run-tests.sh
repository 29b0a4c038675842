#!/usr/bin/env bash
# The whole suite: on PostgreSQL (a throwaway cluster unless DATABASE_URL is set),
# browser tests included, then on SQLite without the browser tests. Both runs always
# happen; the exit status is non-zero if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

echo "== Tests on PostgreSQL =="
scripts/with-postgres.sh $PY -m pytest "$@"
pg_status=$?

echo "== Tests on SQLite =="
DATABASE_URL="sqlite:///$(mktemp -d)/test.sqlite3" $PY -m pytest -m "not browser" "$@"
sqlite_status=$?

if [ $pg_status -ne 0 ] || [ $sqlite_status -ne 0 ]; then
  echo "Tests failed (PostgreSQL: exit $pg_status, SQLite: exit $sqlite_status)."
  exit 1
fi
