#!/usr/bin/env bash
# EngageLab pacing with two replicas: FILES files of EUIDS EUIDs each are dropped at once into the
# drop folder two replicas share, against the EngageLab sandbox enforcing LIMIT requests per
# WINDOW_MS (the per-minute limit scaled down, as in engagelab.sh). With the file cluster service
# (CLUSTER=file, the default) one replica leads engagelab-profile-query and paces for both; with
# CLUSTER=none each replica polls the folder and paces on its own. Prints the calls of each
# replica, the 55110 answers (each is a retry in the reports) and the requests per window.
#
#   bench/engagelab-replicas.sh [FILES] [EUIDS] [LIMIT] [WINDOW_MS] [RATE]
#
# RATE is each replica's own pacing per window (ENGAGELAB_REQUESTS_PER_MINUTE, 90% of the limit).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source bench/replicas.sh

files=${1:-4}
euids=${2:-37500}
limit=${3:-1000}
window_ms=${4:-6000}
rate=${5:-900}
cluster=${CLUSTER:-file}
work=bench/work/engagelab-replicas
rm -rf "$work"
mkdir -p "$work/data/inbox/engagelab-profile-query"

start_sandbox "$work" DROPBRIDGE_SANDBOX_ENGAGELAB_RATE_LIMIT="$limit" DROPBRIDGE_SANDBOX_ENGAGELAB_RATE_WINDOW_MS="$window_ms"
for n in 1 2; do
    start_replica "$work" "$n" DROPBRIDGE_CLUSTER_SERVICE="$cluster" \
        ENGAGELAB_REQUESTS_PER_MINUTE="$rate" ENGAGELAB_RATE_WINDOW_MS="$window_ms" ENGAGELAB_IN_FLIGHT=8
done
for f in $(seq 1 "$files"); do
    seq $((f * 1000000 + 1)) $((f * 1000000 + euids)) > "$work/data/euids-$f.txt.part"
done
started=$(date +%s%N)
for f in $(seq 1 "$files"); do
    mv "$work/data/euids-$f.txt.part" "$work/data/inbox/engagelab-profile-query/euids-$f.txt"
done
calls=0 retries=0
for f in $(seq 1 "$files"); do
    report="$work/data/outbox/engagelab-profile-query/reports/euids-$f.txt.json"
    until [ -f "$report" ] && ! grep -q '"status" : "IN_PROGRESS"' "$report"; do sleep 0.5; done
done
ended=$(date +%s%N)
for f in $(seq 1 "$files"); do
    report="$work/data/outbox/engagelab-profile-query/reports/euids-$f.txt.json"
    calls=$((calls + $(field apiCalls))) retries=$((retries + $(field retries)))
done
wall_ms=$(( (ended - started) / 1000000 ))
echo "cluster=$cluster files=$files euids_each=$euids limit=$limit/${window_ms}ms pacing=$rate/${window_ms}ms per replica" \
     "calls_replica_1=$(metric 1 dropbridge_api_calls_total engagelab-profile-query)" \
     "calls_replica_2=$(metric 2 dropbridge_api_calls_total engagelab-profile-query)" \
     "api_calls_in_reports=$calls rate_limited_55110=$retries wall_s=$(awk "BEGIN {printf \"%.1f\", $wall_ms/1000}")" \
     "requests_per_window=$(awk "BEGIN {printf \"%.1f\", $calls*$window_ms/$wall_ms}")"
