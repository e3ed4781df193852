#!/usr/bin/env bash
# Booking load bench with wrk: the real router (release build) on SQLite, one signed-in citizen per booking, form
# posts across every slot of every department of the county hall for 14 days. wrk runs as a second process on
# loopback. Prints bookings per second and p50/p99, then what the database holds (no slot over capacity).
# Usage: scripts/bench-booking.sh [connections, default 50] [seconds, default 10] [citizens, default 20000]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
conns="${1:-50}" secs="${2:-10}" citizens="${3:-20000}"
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
work="$(mktemp -d /tmp/palm-bench.XXXXXX)"
trap 'exec 3>&- 2>/dev/null || true; rm -rf "$work"' EXIT
mkfifo "$work/stop"
cargo bench -p server --bench booking --no-run
cargo bench -p server --bench booking -- "$citizens" "$work/plan" <"$work/stop" >"$work/server.log" 2>&1 &
server=$!
exec 3>"$work/stop" # the server serves until this closes
until grep -q '^serving' "$work/server.log"; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
grep -E '^making' "$work/server.log" || true
PALM_BENCH_PLAN="$work/plan" PALM_BENCH_THREADS=2 \
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$ROOT/scripts/bench-booking.lua" "http://$(head -1 "$work/plan")"
exec 3>&-
wait "$server"
tail -1 "$work/server.log"
