#!/usr/bin/env bash
# Starts a private PostgreSQL cluster (Debian's postgresql package) for the worker's tests and
# prints its URL on stdout, e.g. `export RIFFLE_TEST_PG_URL=$(apps/worker/scripts/ci-postgres.sh)`.
# `ci-postgres.sh stop DIR` stops a cluster started with RIFFLE_PG_DIR=DIR.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "ci-postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

# initdb and postgres refuse to run as root: run them as the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  as_owner "$bin/pg_ctl" -D "$2/data" -m fast stop >&2
  exit 0
fi

dir=${RIFFLE_PG_DIR:-$(mktemp -d /tmp/riffle-pg.XXXXXX)}
port=${RIFFLE_PG_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"

as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" \
  start >&2 || { cat "$dir/postgres.log" >&2; exit 1; }
echo "ci-postgres: PostgreSQL running in $dir on port $port (stop: $0 stop $dir)" >&2
echo "postgresql://postgres@127.0.0.1:$port/postgres"
