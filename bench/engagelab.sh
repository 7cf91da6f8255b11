#!/usr/bin/env bash
# Benchmark of the engagelab-profile-query pacing: EUIDs through the packaged application against
# the EngageLab sandbox, with the per-minute limit scaled to LIMIT requests per WINDOW_MS (so the
# run takes seconds, not minutes). Prints the requests achieved per window as a share of the
# limit, the 55110 answers (each one is a retry in the report) and peak RSS.
#
#   bench/engagelab.sh EUIDS LIMIT WINDOW_MS CLIENT_RATE
#
# CLIENT_RATE is the application's own rate per window (the default setting is 90% of the limit).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

euids=${1:-150000}
limit=${2:-1000}
window_ms=${3:-6000}
rate=${4:-970}
mkdir -p bench/work
input="bench/work/euids-$euids.txt"
[ -f "$input" ] || seq 1 "$euids" > "$input"

data="bench/work/engagelab-$euids-$rate"
start_app "$data" DROPBRIDGE_SANDBOX_ENGAGELAB_RATE_LIMIT="$limit" DROPBRIDGE_SANDBOX_ENGAGELAB_RATE_WINDOW_MS="$window_ms" \
    ENGAGELAB_REQUESTS_PER_MINUTE="$rate" ENGAGELAB_RATE_WINDOW_MS="$window_ms" ENGAGELAB_IN_FLIGHT=8
deliver "$data" engagelab-profile-query "$input"

calls=$(field apiCalls)
retries=$(field retries)
duration_ms=$(field durationMs)
echo "euids=$(field read) succeeded=$(field succeeded) failed=$(field failed) api_calls=$calls rate_limited_55110=$retries" \
     "duration_s=$(awk "BEGIN {printf \"%.1f\", $duration_ms/1000}")" \
     "requests_per_window=$(awk "BEGIN {printf \"%.0f\", $calls*$window_ms/$duration_ms}")" \
     "share_of_limit=$(awk "BEGIN {printf \"%.1f%%\", 100*$calls*$window_ms/$duration_ms/$limit}")" \
     "peak_rss_mb=$(peak_rss_mb)"
