#!/usr/bin/env bash
# A real editor as the language server's client: headless Neovim (from the distribution's
# packages) with the minimal configuration in tests/lsp/nvim/ opens a sample, receives galley's
# diagnostics over LSP and prints them. Exits non-zero if none arrived or the expected one is
# missing. GALLEY names the binary (default: a debug build of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null; then
  echo "error: nvim is not installed (apt-get install neovim)" >&2
  exit 2
fi
if [ -z "${GALLEY:-}" ]; then
  cargo build --quiet
  GALLEY="$PWD/target/debug/galley"
fi
export GALLEY
export GALLEY_SAMPLE="$PWD/tests/lsp/nvim/sample.md"
out=$(timeout 60 nvim --headless -n -i NONE -u tests/lsp/nvim/init.lua 2>&1)
echo "$out"
if ! grep -q "\[real-word-error\]" <<<"$out"; then
  echo "error: Neovim did not receive the real-word-error diagnostic" >&2
  exit 1
fi
