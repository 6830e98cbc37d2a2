#!/usr/bin/env bash
# The whole test suite, on SQLite and on PostgreSQL. Sets up what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || psql -h 127.0.0.1 -U postgres -d test -c 'SELECT 1' >/dev/null 2>&1; }

# PostgreSQL listens on 127.0.0.1:5432 (database `test`, trust auth); start it if it is down.
if ! pg_up; then
  echo "PostgreSQL is down; starting it"
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL on 127.0.0.1:5432 is not reachable; the PostgreSQL tests need it" >&2; exit 1; }
fi
# Poppler's pdftotext and pdfinfo read back the PDF documents (text, tags, metadata).
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  echo "installing poppler-utils (pdftotext, pdfinfo)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; } >/dev/null
fi
# Python's icalendar checks our calendar feeds with a parser that is not ours.
python3 -c 'import icalendar' 2>/dev/null || python3 -m pip install --quiet icalendar
# aiosmtpd is the real SMTP server on loopback that the mail tests send to.
python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet aiosmtpd

# Databases left behind by earlier runs (each test makes its own).
psql -h 127.0.0.1 -U postgres -d test -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'omgang\_%'" 2>/dev/null |
  while read -r db; do psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true; done || true

export OMGANG_TEST_POSTGRES_URL="${OMGANG_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"

cargo test --workspace --locked "$@"

# The staff pages in a real browser (Debian's chromium, playwright-core, axe-core).
bash e2e/run.sh
