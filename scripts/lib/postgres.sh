# Starts and stops a throwaway PostgreSQL server for the tests and benchmarks: a fresh cluster
# in a temporary folder, on 127.0.0.1, with durability switched off (it is thrown away).
# Sourced by scripts/test and scripts/bench. Sets TRELLIS_TEST_POSTGRES_URL.

postgres_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
  echo "$dir"
}

# Runs a command as the user that owns the cluster (PostgreSQL refuses to run as root).
as_postgres_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin port
  bin=$(postgres_bin_dir)
  TRELLIS_PG_DATA=$(mktemp -d /tmp/trellis-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$TRELLIS_PG_DATA"
  as_postgres_owner "$bin/initdb" -D "$TRELLIS_PG_DATA" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  for port in $(seq 55432 55499); do
    if as_postgres_owner "$bin/pg_ctl" -D "$TRELLIS_PG_DATA" -l "$TRELLIS_PG_DATA/server.log" -w -t 60 \
        -o "-p $port -k $TRELLIS_PG_DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
        start >/dev/null 2>&1; then
      export TRELLIS_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
      export TRELLIS_PG_BIN="$bin"
      echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started on 127.0.0.1:$port"
      return 0
    fi
  done
  echo "could not start PostgreSQL; log:" >&2
  cat "$TRELLIS_PG_DATA/server.log" >&2 || true
  return 1
}

stop_postgres() {
  if [ -n "${TRELLIS_PG_DATA:-}" ] && [ -d "$TRELLIS_PG_DATA" ]; then
    as_postgres_owner "$TRELLIS_PG_BIN/pg_ctl" -D "$TRELLIS_PG_DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$TRELLIS_PG_DATA"
  fi
}
