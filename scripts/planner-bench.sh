#!/usr/bin/env bash
# Benchmark of the weekly planner core (crates/omgang-planner): builds the `plan` example in
# release, plans the four public instances and generated ones, checks every plan with
# check.py and prints a Markdown table. Exits non-zero if any plan is malformed or has a
# hard violation.
#
# Environment (all optional):
#   OMGANG_SHARED      shared/ folder with planner/{check.py,gen.py,instances}  (default: ../../shared from here)
#   PUBLIC_SECONDS     time limit for the public S, M and L instances   (default 10)
#   PUBLIC_XL_SECONDS  time limit for the public XL instance            (default 30)
#   GEN_SIZES          sizes of generated instances                    (default "S M L XL"; "" to skip)
#   GEN_SEEDS          seeds of generated instances                    (default "1 2 3 4 5 6 7 8 9 10")
#   GEN_SECONDS_S / _M / _L / _XL   time limits for generated instances (default 1 / 2 / 3 / 5)
#   SEED               solver seed                                     (default 1)
#   THREADS            solver threads                                  (default 2)
#   WORK               scratch folder                                   (default /tmp/omgang-planner-bench)
#   CARGO_TARGET_DIR   cargo target folder                              (default <repo>/target)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
shared="${OMGANG_SHARED:-$(dirname "$0")/../../shared}"
shared="$(cd "$shared" && pwd)"
planner="$shared/planner"
[ -f "$planner/check.py" ] || { echo "no check.py in $planner (set OMGANG_SHARED)" >&2; exit 2; }
PUBLIC_SECONDS="${PUBLIC_SECONDS:-10}"
PUBLIC_XL_SECONDS="${PUBLIC_XL_SECONDS:-30}"
GEN_SIZES="${GEN_SIZES-S M L XL}"
GEN_SEEDS="${GEN_SEEDS:-1 2 3 4 5 6 7 8 9 10}"
SEED="${SEED:-1}"
THREADS="${THREADS:-2}"
WORK="${WORK:-/tmp/omgang-planner-bench}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
mkdir -p "$WORK"

(cd "$repo" && cargo build --quiet --release -p omgang-planner --example plan)
bin="$CARGO_TARGET_DIR/release/examples/plan"

failures=0
rows=()
# run NAME INSTANCE SECONDS REFERENCE
run() {
  local name="$1" inst="$2" secs="$3" ref="$4"
  local out="$WORK/$name.plan.json" log="$WORK/$name.log"
  if ! "$bin" --instance "$inst" --out "$out" --seconds "$secs" --seed "$SEED" --threads "$THREADS" --progress 2>"$log"; then
    echo "planner failed on $name:" >&2; cat "$log" >&2
    failures=$((failures + 1)); rows+=("| $name | | | FAILED | $ref | | | | | |"); return
  fi
  local summary
  summary="$(python3 "$planner/check.py" --json "$inst" "$out" || true)"
  local row
  row="$(python3 - "$summary" "$log" "$name" "$ref" <<'PY'
import json, re, sys
summary, log, name, ref = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
try:
    s = json.loads(summary)
except ValueError:
    s = {"malformed": ["check.py output is not JSON"]}
at = {}
for line in open(log, encoding="utf-8"):
    m = re.match(r"progress t=(\d+)s best=(\d+)", line)
    if m:
        at[m.group(1)] = m.group(2)
cols = [at.get(t, "–") for t in ("1", "2", "5", "10")]
if "malformed" in s:
    print("BAD| %s | | | MALFORMED | %s | %s | %s |" % (name, ref, "; ".join(s["malformed"][:3]), " | ".join(cols)))
else:
    bad = "BAD" if s["hard_violations"] else "OK "
    print("%s| %s | %d | %d | %d | %s | %d | %s |" % (bad, name, s["requests"], s["placed"], s["score"], ref,
                                                    s["hard_violations"], " | ".join(cols)))
PY
)"
  if [[ "$row" == BAD* ]]; then failures=$((failures + 1)); echo "INVALID plan for $name (see $out)" >&2; fi
  rows+=("${row:3}")
  echo "${row:3}" >&2
}

declare -A REF=([S]=780 [M]=26180 [L]=182065 [XL]=935125)
for size in S M L XL; do
  secs="$PUBLIC_SECONDS"; [ "$size" = XL ] && secs="$PUBLIC_XL_SECONDS"
  run "$size-seed1 (${secs}s)" "$planner/instances/$size-seed1.json" "$secs" "${REF[$size]}"
done
for size in $GEN_SIZES; do
  var="GEN_SECONDS_$size"; def=1
  case "$size" in M) def=2 ;; L) def=3 ;; XL) def=5 ;; esac
  secs="${!var:-$def}"
  for seed in $GEN_SEEDS; do
    inst="$WORK/gen-$size-seed$seed.json" planted="$WORK/gen-$size-seed$seed.planted.json"
    [ -f "$inst" ] && [ -f "$planted" ] || python3 "$planner/gen.py" --seed "$seed" --size "$size" --out "$inst" --planted "$planted" >/dev/null
    ref="$(python3 "$planner/check.py" --json "$inst" "$planted" | python3 -c 'import json,sys; print(json.load(sys.stdin)["score"])')"
    run "gen $size-seed$seed (${secs}s)" "$inst" "$secs" "planted $ref"
  done
done

echo
echo "| instance | requests | placed | score | reference | hard violations | 1 s | 2 s | 5 s | 10 s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
if [ "$failures" -ne 0 ]; then
  echo "$failures plan(s) invalid, malformed or failed" >&2
  exit 1
fi
echo "all plans valid (0 hard violations)"
