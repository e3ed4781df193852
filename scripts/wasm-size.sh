#!/usr/bin/env bash
# Builds the release WASM (profile wasm-release + wasm-opt, split: the lazy islands' code in files of their own)
# and prints each file's size raw, gzip and brotli: the main WASM every island page loads, then the lazy islands'
# files (split_*) and the chunks they share (chunk_*), which only the pages with those islands load.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cargo leptos build --release --precompress --split >/dev/null
size() { stat -c %s "$1"; }
printf '| file | raw | gzip | brotli |\n|---|---|---|---|\n'
for f in "$LEPTOS_SITE_ROOT"/pkg/palm-hall.*.wasm "$LEPTOS_SITE_ROOT"/pkg/split_*.wasm "$LEPTOS_SITE_ROOT"/pkg/chunk_*.wasm \
  "$LEPTOS_SITE_ROOT"/pkg/*.js "$LEPTOS_SITE_ROOT"/pkg/*.css; do
  printf '| %s | %s B | %s B | %s B |\n' "$(basename "$f" | sed -E 's/\.[A-Za-z0-9_-]{22}\./.*./; s/_loader_[0-9]+//')" "$(size "$f")" "$(size "$f.gz")" "$(size "$f.br")"
done
