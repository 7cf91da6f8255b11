#!/usr/bin/env bash
# Benchmark of the ptengine-profiles pipeline: one CSV through the packaged application against
# the built-in Ptengine sandbox. Prints rows/second (from the file's report) and peak RSS.
#
#   bench/ptengine.sh ROWS LATENCY_MS IN_FLIGHT
#
# LATENCY_MS is added by the sandbox to every answer; IN_FLIGHT is the number of concurrent
# requests (1 = one batch at a time, as the API page's example does it).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rows=${1:-1000000}
latency=${2:-0}
in_flight=${3:-8}
mkdir -p bench/work
input="bench/work/profiles-$rows.csv"
[ -f "$input" ] || java bench/GenerateProfiles.java "$rows" "$input"

data="bench/work/ptengine-$rows-$latency-$in_flight"
start_app "$data" DROPBRIDGE_SANDBOX_PTENGINE_LATENCY_MS="$latency" PTENGINE_IN_FLIGHT="$in_flight"
deliver "$data" ptengine-profiles "$input"

duration_ms=$(field durationMs)
echo "rows=$(field read) succeeded=$(field succeeded) latency_ms=$latency in_flight=$in_flight api_calls=$(field apiCalls)" \
     "duration_s=$(awk "BEGIN {printf \"%.1f\", $duration_ms/1000}")" \
     "rows_per_s=$(awk "BEGIN {printf \"%.0f\", $(field read)*1000/$duration_ms}")" \
     "peak_rss_mb=$(peak_rss_mb)"
