#!/usr/bin/env bash
# Browser tests of the staff web interface: installs what they need, builds the binary, runs.
# Screenshots go to ci-artifacts/screenshots/ (not committed), axe results to
# ci-artifacts/axe-summary.json.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd .. && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium
  else sudo apt-get update && sudo apt-get install -y chromium; fi
fi
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
if [ -z "${OMGANG_BIN:-}" ]; then
  (cd "$root" && cargo build -p omgang)
fi
mkdir -p "$root/ci-artifacts/screenshots"
exec node --test --test-reporter=spec --test-concurrency=1 tests/
