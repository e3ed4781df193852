#!/usr/bin/env bash
# Builds Palm Hall (release) and serves it at http://127.0.0.1:3000 on the embedded SQLite database under data/,
# created, migrated and filled with the demo county on first start.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cargo leptos build --release --precompress --split
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
# The demo keeps SMS in the SMS sink, readable at /dev/sms from this machine only.
export PALM_SMS_SINK="${PALM_SMS_SINK:-1}"
echo "Palm Hall: http://$LEPTOS_SITE_ADDR  (Ctrl-C stops it)"
exec "$CARGO_TARGET_DIR/release/server" "$@"
