#!/usr/bin/env bash
# Runs every test, on SQLite and on PostgreSQL:
#   1. Rust unit, property and integration tests on SQLite, then the same tests on PostgreSQL (a throwaway cluster,
#      each test on its own copy of a template database seeded once), while cargo-leptos and wasm-bindgen-cli
#      install in the background on a fresh machine (the Rust tests need neither);
#   2. the front end (WASM, JS, CSS) built as it ships (release, precompressed), which the e2e journeys and the
#      weight budget use;
#   3. Playwright journeys (projects js and nojs) on SQLite, with the server a year ahead of the real date under
#      faketime; then the js project on PostgreSQL.
# The e2e server is the debug binary the Rust tests already built: one server build, not two.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
. "$ROOT/scripts/pg.sh"
started=$SECONDS
# The shared build cache must not fill the disk (it did: 75 GB, 29 of them incremental state): no incremental state
# for test builds (a clone is built once), and test binaries not relinked for a day go (cargo relinks on demand).
export CARGO_INCREMENTAL=0
find "$CARGO_TARGET_DIR/debug/deps" -maxdepth 1 -type f -executable ! -name '*.so' -mtime +1 -delete 2>/dev/null || true
"$ROOT/scripts/setup.sh" system
tools_log=$(mktemp)
"$ROOT/scripts/setup.sh" tools >"$tools_log" 2>&1 &
tools_pid=$!
summary=()
clock() { printf '%dm%02ds' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }

pg_start
export PALM_SECRET="${PALM_SECRET:-test-only-secret-0123456789abcdef0123456789}"

# rust_tests LABEL: cargo test, counted.
rust_tests() {
  local log
  log=$(mktemp)
  local status=0
  cargo test --workspace --features app/ssr --no-fail-fast 2>&1 | tee "$log" || status=$?
  read -r passed failed < <(grep -E '^test result:' "$log" | awk '{p+=$4; f+=$6} END {print p+0, f+0}')
  [ "$status" = 0 ] || [ "$failed" != 0 ] || failed=1
  summary+=("Rust on $1: $passed passed, $failed failed ($(clock))")
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
}

# e2e LABEL [playwright args…]: the journeys against a server started by playwright.config.ts, counted.
e2e() {
  local label=$1; shift
  local report status=0
  report=$(mktemp)
  (cd "$ROOT/e2e" && PLAYWRIGHT_JSON_OUTPUT_NAME="$report" npx playwright test --reporter=list,json "$@") || status=$?
  read -r passed failed flaky < <(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
    console.log(s.expected + s.flaky, s.unexpected, s.flaky);' "$report" 2>/dev/null || echo "0 1 0")
  [ "$status" = 0 ] || [ "$failed" != 0 ] || failed=1
  summary+=("e2e on $label: $passed passed ($flaky of them only on a retry), $failed failed ($(clock))")
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
}
total_passed=0 total_failed=0

printf '\n== Rust tests on SQLite\n'
rust_tests SQLite

printf '\n== Rust tests on PostgreSQL\n'
pg_sql postgres 'CREATE DATABASE palm_template'
DATABASE_URL="$PG_URL/palm_template" PALM_DEMO=1 "$CARGO_TARGET_DIR/debug/server" reset-demo
PALM_TEST_DATABASE_URL="$PG_URL/palm_template" rust_tests PostgreSQL

printf '\n== Tool installs (cargo-leptos, wasm-bindgen-cli)\n'
if ! wait "$tools_pid"; then
  cat "$tools_log"
  echo "installing the tools failed" >&2
  exit 1
fi
cat "$tools_log"

printf '\n== Front end, release (WASM, JS, CSS, precompressed) (%s)\n' "$(clock)"
cargo leptos build --release --frontend-only --precompress --split
# The debug server finds the hashed file names beside its executable.
cp "$CARGO_TARGET_DIR/release/hash.txt" "$CARGO_TARGET_DIR/debug/hash.txt"

printf '\n== e2e on SQLite, js + nojs (Chromium %s), the server a year ahead of the real date (faketime)\n' \
  "$(chromium --version 2>/dev/null | awk '{print $2}')"
E2E_FAKETIME=+365d e2e 'SQLite (js + nojs, faketime +365d)'

printf '\n== e2e on PostgreSQL, js\n'
pg_sql postgres 'CREATE DATABASE palm_e2e TEMPLATE palm_template'
E2E_DATABASE_URL="$PG_URL/palm_e2e" e2e 'PostgreSQL (js)' --project=js

printf '\n'
printf '%s\n' "${summary[@]}"
printf '%d passed, %d failed in %s\n' "$total_passed" "$total_failed" "$(clock)"
[ "$total_failed" = 0 ]
