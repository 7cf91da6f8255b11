#!/usr/bin/env bash
# Refused records isolated: a 100k-event Rabbitpre file with one event in 10,000 whose eventKey
# the API does not know (the sandbox refuses the whole request holding it), against the same
# file with none, at 50 ms per answer, in turns (RUNS, default 3) in one sitting; the packaged
# application with the sandbox as the API. Prints requests, duration and isolation per file.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

runs=${RUNS:-3}
work=bench/work/isolation
mkdir -p "$work"
events() {
    python3 -c 'import sys
bad = int(sys.argv[1])
for i in range(1, 100001):
    key = "c_undefined" if bad and i % 10000 == 5000 else "c_view"
    print("{\"identities\":[{\"identityValue\":\"1390%07d\",\"identityType\":\"phone\"}],\"eventKey\":\"%s\",\"uuid\":\"e-%d\"}" % (i, key, i))' "$1"
}
events 0 > "$work/clean.jsonl"
events 1 > "$work/refused.jsonl"

start_app "$work/data" DROPBRIDGE_SANDBOX_RABBITPRE_LATENCY_MS=50
printf '%-14s %4s %9s %8s %11s %9s %s\n' file run requests failed durationMs isolated isolation
for run in $(seq 1 "$runs"); do
    for name in clean refused; do
        cp "$work/$name.jsonl" "$work/$name-$run.jsonl"
        deliver "$work/data" rabbitpre-events "$work/$name-$run.jsonl"
        printf '%-14s %4s %9s %8s %11s %9s %s\n' "$name" "$run" "$(field apiCalls)" "$(report_value records.failed)" \
            "$(field durationMs)" "$(report_value isolation.batches)" "$(report_value isolation)"
        rm -f "$work/$name-$run.jsonl"
    done
done
