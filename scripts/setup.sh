#!/usr/bin/env bash
# Installs whatever is missing for building and testing Palm Hall, and skips what is there.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION\$"; then
  step "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (about 16 minutes on 2 cores, once)"
  # no_downloads: this machine reaches only package registries; wasm-bindgen and wasm-opt come from below.
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Without --locked: its lockfile names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/@playwright/test ] \
   || ! e2e/node_modules/.bin/playwright --version 2>/dev/null | grep -q "$PLAYWRIGHT_VERSION"; then
  step "npm ci (Playwright, axe, binaryen's wasm-opt)"
  (cd e2e && npm ci --no-audit --no-fund)
fi

if ! command -v chromium >/dev/null 2>&1; then
  step "apt-get install $CHROMIUM_APT_PACKAGE"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$CHROMIUM_APT_PACKAGE"
fi
