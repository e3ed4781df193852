#!/usr/bin/env bash
# Installs whatever is missing for building and testing Palm Hall, and skips what is there.
#   setup.sh          everything
#   setup.sh system   Debian packages (Chromium, faketime, PostgreSQL), the wasm32 target, the npm packages: quick
#   setup.sh tools    cargo-leptos and wasm-bindgen-cli, built from crates.io: ~20 minutes on 2 cores, once
# scripts/test.sh runs `tools` in the background while the Rust tests build and run, which need none of it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
part="${1:-all}"

step() { printf '\n== %s\n' "$*"; }

system() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=("$CHROMIUM_APT_PACKAGE")
  # faketime (libfaketime): the e2e server runs a year ahead of the real date, to prove the suite never reads it.
  compgen -G '/usr/lib/*/faketime/libfaketime.so.1' >/dev/null || missing+=(faketime)
  # PostgreSQL: the tests run on it as well as on SQLite (scripts/pg.sh starts a throwaway cluster).
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi

  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/@playwright/test ] \
     || ! e2e/node_modules/.bin/playwright --version 2>/dev/null | grep -q "$PLAYWRIGHT_VERSION"; then
    step "npm ci (Playwright, axe, binaryen's wasm-opt)"
    (cd e2e && npm ci --no-audit --no-fund)
  fi
}

tools() {
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
}

case "$part" in
  system) system ;;
  tools) tools ;;
  all) system; tools ;;
  *) echo "usage: setup.sh [system|tools]" >&2; exit 2 ;;
esac
