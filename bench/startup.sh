#!/usr/bin/env bash
# Start-up of the packaged application: seconds from launch to ready (/q/health/ready answering)
# and the CPU it took, on an empty data folder with the sandbox as every API, then stopped.
#
#   bench/startup.sh [RUNS]    (default 3)
#
# BENCH_PORT, BENCH_JVM, BENCH_JAVA, BENCH_APP: see bench/lib.sh; e.g. the same jar with and
# without a class archive (-XX:SharedArchiveFile=..., or on JDK 25 -XX:AOTCache=...).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

data=bench/work/startup
for _ in $(seq "${1:-3}"); do
    from=$(date +%s%3N)
    start_app "$data"
    to=$(date +%s%3N)
    printf 'startup  ready_s=%s cpu_at_ready_s=%s rss_at_ready_mb=%s\n' \
        "$(awk -v ms=$((to - from)) 'BEGIN {printf "%.2f", ms / 1000}')" "$(cpu_s)" "$(peak_rss_mb)"
    stop_app
done
