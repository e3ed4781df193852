#!/usr/bin/env bash
# Starts the built server for the e2e suite on a fresh database in a temporary folder, with the test clock
# (per-request `palm_now` cookie) and the development pages on.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
dir="$(mktemp -d /tmp/palm-hall-e2e.XXXXXX)"
export DATABASE_URL="sqlite://$dir/e2e.db?mode=rwc"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3100}"
export PALM_TEST_CLOCK=1 PALM_DEV_PAGES=1 PALM_SMS_SINK=1
exec "$CARGO_TARGET_DIR/${PALM_PROFILE:-debug}/server"
