#!/usr/bin/env bash
# Booking load bench: 50 concurrent clients posting bookings over HTTP across many slots, release build, SQLite.
# Prints bookings per second and p50/p99 latency. Usage: scripts/bench-booking.sh [clients] [requests]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cargo bench -p server --bench booking -- "${1:-50}" "${2:-10000}"
