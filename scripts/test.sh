#!/usr/bin/env bash
# Runs every test: Rust unit, property and integration tests, then the Playwright journeys (projects js and nojs)
# in Debian's Chromium against the built app.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"

printf '\n== Rust tests\n'
log=$(mktemp)
cargo test --workspace --features app/ssr 2>&1 | tee "$log"
read -r rust_passed rust_failed < <(grep -E '^test result:' "$log" | awk '{p+=$4; f+=$6} END {print p+0, f+0}')

printf '\n== Build the app\n'
cargo leptos build

printf '\n== e2e (Playwright, Chromium %s)\n' "$(chromium --version 2>/dev/null | awk '{print $2}')"
cd e2e
report=$(mktemp)
status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="$report" npx playwright test --reporter=list,json || status=$?
read -r e2e_passed e2e_failed < <(node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
  console.log(s.expected + s.flaky, s.unexpected);' "$report")
printf '\nRust: %d passed, %d failed\n' "$rust_passed" "$rust_failed"
printf 'e2e: %d passed, %d failed\n' "$e2e_passed" "$e2e_failed"
printf '%d passed, %d failed\n' $((rust_passed + e2e_passed)) $((rust_failed + e2e_failed))
exit "$status"
