#!/usr/bin/env bash
# Starts the built server for the e2e suite with the test clock (a fixed default "now", a per-request `palm_now`
# cookie, /dev/jobs/run) and the development pages on. The database is a fresh SQLite file in a temporary folder,
# or E2E_DATABASE_URL (scripts/test.sh makes a fresh PostgreSQL database from the seeded template).
# E2E_FAKETIME (e.g. +365d) runs the server under Debian's faketime: the suite must pass whatever the real date.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
dir="$(mktemp -d /tmp/palm-hall-e2e.XXXXXX)"
export DATABASE_URL="${E2E_DATABASE_URL:-sqlite://$dir/e2e.db?mode=rwc}"
export PALM_UPLOAD_DIR="$dir/uploads"
export PALM_SECRET="${PALM_SECRET:-e2e-only-secret-0123456789abcdef0123456789}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3100}"
# Before every date a test sets: background jobs on this clock never touch a test's bookings.
export PALM_CLOCK="${PALM_CLOCK:-$E2E_DEFAULT_CLOCK}"
export PALM_TEST_CLOCK=1 PALM_DEV_PAGES=1 PALM_SMS_SINK=1
server="$CARGO_TARGET_DIR/${PALM_PROFILE:-debug}/server"
if [ -n "${E2E_FAKETIME:-}" ]; then
  # What the `faketime` command does, without its extra process (which would not pass SIGTERM on to the server).
  lib=$(compgen -G '/usr/lib/*/faketime/libfaketime.so.1' | head -n1)
  # Prove it takes: a clock moved ahead by E2E_FAKETIME reads at least a day later than the real one.
  if [ "$(LD_PRELOAD="$lib" FAKETIME="$E2E_FAKETIME" date +%s)" -lt $(($(date +%s) + 86400)) ]; then
    echo "e2e-server.sh: libfaketime ($lib) did not move the clock by $E2E_FAKETIME" >&2
    exit 1
  fi
  LD_PRELOAD="$lib" FAKETIME="$E2E_FAKETIME" exec "$server"
fi
exec "$server"
