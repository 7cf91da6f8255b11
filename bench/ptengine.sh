#!/usr/bin/env bash
# Benchmark of the ptengine-profiles pipeline: one CSV through the packaged application against
# the built-in Ptengine sandbox. Prints rows/second (from the file's report) and peak RSS (VmHWM).
#
#   bench/ptengine.sh ROWS LATENCY_MS IN_FLIGHT
#
# ROWS rows are generated once per size; LATENCY_MS is added by the sandbox to every answer;
# IN_FLIGHT is the number of concurrent requests (1 = one batch at a time, as the API page's example).
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
latency=${2:-0}
in_flight=${3:-8}
port=${BENCH_PORT:-18090}
# the JVM settings of the container image (k8s/deployment.yaml): a small serial-GC heap
jvm=${BENCH_JVM:--XX:+UseSerialGC -Xmx96m}
export MALLOC_ARENA_MAX=2
work=bench/work
input="$work/profiles-$rows.csv"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
mkdir -p "$work"
[ -f "$input" ] || java bench/GenerateProfiles.java "$rows" "$input"

data="$work/data-$rows-$latency-$in_flight"
rm -rf "$data"
mkdir -p "$data/inbox/ptengine-profiles"

DROPBRIDGE_DATA_DIR="$data" \
DROPBRIDGE_HTTP_PORT="$port" \
DROPBRIDGE_LOG_JSON=false \
DROPBRIDGE_DROP_MIN_AGE_MS=0 \
DROPBRIDGE_DROP_POLL_DELAY_MS=200 \
DROPBRIDGE_SANDBOX_ENABLED=true \
DROPBRIDGE_SANDBOX_PTENGINE_LATENCY_MS="$latency" \
PTENGINE_URL="http://localhost:$port/sandbox/ptengine/v1/user/profiles" \
PTENGINE_API_KEY=sandbox-ptengine-key \
PTENGINE_IN_FLIGHT="$in_flight" \
java $jvm -jar target/quarkus-app/quarkus-run.jar > "$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT

alive() { kill -0 "$app" 2>/dev/null || { echo "the application stopped; see $data/app.log" >&2; exit 1; }; }
until curl -sf "http://localhost:$port/q/health/ready" > /dev/null; do alive; sleep 0.2; done
cp "$input" "$data/profiles.csv.part"
mv "$data/profiles.csv.part" "$data/inbox/ptengine-profiles/profiles.csv"

report="$data/outbox/ptengine-profiles/reports/profiles.csv.json"
until [ -f "$report" ]; do alive; sleep 0.5; done
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$app/status")

field() { grep -o "\"$1\" : [0-9]*" "$report" | head -1 | grep -o '[0-9]*$'; }
read_rows=$(field read)
succeeded=$(field succeeded)
duration_ms=$(field durationMs)
calls=$(field apiCalls)
echo "rows=$read_rows succeeded=$succeeded latency_ms=$latency in_flight=$in_flight api_calls=$calls" \
     "duration_s=$(awk "BEGIN {printf \"%.1f\", $duration_ms/1000}")" \
     "rows_per_s=$(awk "BEGIN {printf \"%.0f\", $read_rows*1000/$duration_ms}")" \
     "peak_rss_mb=$((peak_kb / 1024))"
