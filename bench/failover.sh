#!/usr/bin/env bash
# Failover of the file cluster service: two replicas share a drop folder; the one leading
# ptengine-profiles is killed (SIGKILL) in the middle of a file, and the time until the other one
# has started the file again is measured: until its first records are read, which is when its
# first API call is sent (the first batch of 10). RUNS times (5); prints each run and the
# min / median / max. The interrupted file must end COMPLETED with every record delivered.
#
#   bench/failover.sh [USERS] [LOCK_INTERVAL_MS]
#
# USERS in the file (5000, sent 10 per request, 2 at a time, the sandbox answering in 20 ms: about
# 5 s for the file); LOCK_INTERVAL_MS is how often a
# standby tries to take a lock (DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL_MS, 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source bench/replicas.sh

users=${1:-5000}
interval=${2:-1000}
runs=${RUNS:-5}
work=bench/work/failover
mkdir -p bench/work
input="bench/work/users-$users.csv"
[ -f "$input" ] || { echo user_id,plan; seq 1 "$users" | sed 's/.*/failover-&,gold/'; } > "$input"

results=$(mktemp)
for run in $(seq 1 "$runs"); do
    rm -rf "$work"
    start_sandbox "$work" DROPBRIDGE_SANDBOX_PTENGINE_LATENCY_MS=20 DROPBRIDGE_SANDBOX_PTENGINE_STORE_LIMIT=100000
    for n in 1 2; do
        start_replica "$work" "$n" DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL_MS="$interval" \
            PTENGINE_BATCH_SIZE=10 PTENGINE_IN_FLIGHT=2
    done
    until leads 1 ptengine-profiles || leads 2 ptengine-profiles; do sleep 0.2; done
    if leads 1 ptengine-profiles; then leader=1 standby=2; else leader=2 standby=1; fi
    leader_pid=${pids[$leader]}

    mkdir -p "$work/data/inbox/ptengine-profiles"
    cp "$input" "$work/data/users.csv.part"
    mv "$work/data/users.csv.part" "$work/data/inbox/ptengine-profiles/users.csv"
    until [ "$(metric "$leader" dropbridge_files_in_progress_records_read ptengine-profiles)" -ge 500 ]; do sleep 0.1; done

    killed=$(date +%s%N)
    kill -9 "$leader_pid"
    wait "$leader_pid" 2> /dev/null || true
    report="$work/data/outbox/ptengine-profiles/reports/users.csv.json"
    if ! grep -q '"status" : "IN_PROGRESS"' "$report"; then
        echo "the file ended before the leader was killed: give more USERS" >&2
        exit 1
    fi
    until [ "$(metric "$standby" dropbridge_files_in_progress_records_read ptengine-profiles)" -gt 0 ]; do sleep 0.05; done
    first=$(date +%s%N)
    until [ -f "$report" ] && ! grep -q '"status" : "IN_PROGRESS"' "$report"; do sleep 0.5; done
    status=$(grep -o '"status" : "[A-Z_]*"' "$report" | head -1)
    ms=$(( (first - killed) / 1000000 ))
    echo "run $run: replica $leader killed, replica $standby started the file again after ${ms} ms; $status read=$(field read) succeeded=$(field succeeded)"
    echo "$ms" >> "$results"
    stop_all
done
echo "failover (kill -9 of the leader -> the new leader sends the file again), lock interval ${interval} ms, ms min / median / max: $(stats < "$results")"
rm -f "$results"
