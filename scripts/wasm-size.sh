#!/usr/bin/env bash
# Builds the release WASM (profile wasm-release + wasm-opt) and prints its size raw, gzip and brotli.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cargo leptos build --release --precompress >/dev/null
wasm=$(ls "$LEPTOS_SITE_ROOT"/pkg/*.wasm)
js=$(ls "$LEPTOS_SITE_ROOT"/pkg/*.js)
css=$(ls "$LEPTOS_SITE_ROOT"/pkg/*.css)
size() { stat -c %s "$1"; }
printf '| file | raw | gzip | brotli |\n|---|---|---|---|\n'
for f in "$wasm" "$js" "$css"; do
  printf '| %s | %s B | %s B | %s B |\n' "$(basename "$f" | sed -E 's/\.[A-Za-z0-9_-]{22}\./.*./')" "$(size "$f")" "$(size "$f.gz")" "$(size "$f.br")"
done
