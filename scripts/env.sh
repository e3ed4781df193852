# Sourced by the other scripts: paths and the build cache outside the clone.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tools.env
. "$ROOT/scripts/tools.env"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/palm-hall/target}"
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# What the server binary needs when started without cargo-leptos.
export LEPTOS_OUTPUT_NAME=palm-hall
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_HASH_FILES=true
cd "$ROOT"
