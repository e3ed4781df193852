# Sourced by scripts/test.sh: a throwaway PostgreSQL server for the tests (Debian's PostgreSQL, which
# `scripts/setup.sh system` installs when missing). The cluster lives in a temporary folder, listens on loopback
# only, runs as the unprivileged `postgres` user when we are root (initdb refuses root), is tuned for tests (no
# fsync) and is removed on exit.

pg_start() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PG_DIR="$(mktemp -d /tmp/palm-hall-pg.XXXXXX)"
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
  fi
  PG_PORT="${PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
  trap pg_stop EXIT
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log"
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=400 -c fsync=off \
     -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT"
  printf 'PostgreSQL %s on 127.0.0.1:%s (%s)\n' "$("$PG_BIN/postgres" --version | awk '{print $3}')" "$PG_PORT" "$PG_DIR"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

# pg_sql DATABASE SQL: runs one statement as the superuser.
pg_sql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$PG_URL/$1" -c "$2"
}
