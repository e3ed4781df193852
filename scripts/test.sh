#!/usr/bin/env bash
# Runs every test: Rust unit, property and integration tests, then the Playwright journeys (projects js and nojs)
# in Debian's Chromium against the built app.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"

printf '\n== Rust tests\n'
cargo test --workspace --features app/ssr 2>&1 | tee /tmp/palm-hall-cargo-test.log
grep -E '^test result:' /tmp/palm-hall-cargo-test.log | awk '{p+=$4; f+=$6} END {printf "Rust: %d passed, %d failed\n", p, f}'

printf '\n== Build the app\n'
cargo leptos build

printf '\n== e2e (Playwright, Chromium %s)\n' "$(chromium --version 2>/dev/null | awk '{print $2}')"
cd e2e
npx playwright test --reporter=list
