#!/usr/bin/env bash
# Checkpoints of an S3 drop (S3Proxy from its own jar, no authentication, on this host; files put
# with the AWS CLI): what they
# cost while a file is delivered, and how soon the standby resumes a file when the leader dies.
# Two replicas with work dirs of their own (as two pods with an emptyDir each) and the file
# cluster service lead the drop; the sandbox answers Ptengine in LATENCY_MS (50).
#
#   1. cost: a file of ROWS rows (1,000,000) delivered at the default interval (30 s or 1,000
#      requests, whichever comes first); prints the
#      checkpoint objects and bytes the leader wrote, per file and per minute, beside the bytes of
#      its outcome files.
#   2. failover: TURNS (5) times a file of FAILOVER_ROWS rows (200,000) with a checkpoint every
#      FAILOVER_INTERVAL_S (2); the leader is killed (SIGKILL) at a third of it; prints the time from
#      the kill to the standby reading the file again, and what the peer was sent twice.
#
#   bench/checkpoint.sh [ROWS] [FAILOVER_ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source bench/replicas.sh

rows=${1:-1000000}
failover_rows=${2:-200000}
turns=${TURNS:-5}
latency_ms=${LATENCY_MS:-50}
failover_interval=${FAILOVER_INTERVAL_S:-2}
work=bench/work/checkpoint
s3_port=$((port + 50))
s3="http://127.0.0.1:$s3_port"
rm -rf "$work"
mkdir -p "$work"

s3proxy_jar=bench/work/s3proxy.jar
[ -f "$s3proxy_jar" ] || ./mvnw -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
    -DoutputDirectory=bench/work -Dmdep.stripVersion=true -Dmdep.stripClassifier=true
cat > "$work/s3proxy.properties" <<CONF
s3proxy.endpoint=$s3
s3proxy.authorization=none
s3proxy.ignore-unknown-headers=true
jclouds.provider=transient
jclouds.identity=bench
jclouds.credential=bench
CONF
java -jar "$s3proxy_jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
# not in pids: it outlives the replicas between the two parts
s3proxy=$!
on_exit="kill $s3proxy 2> /dev/null || true; $on_exit"
until listening "$s3_port"; do sleep 0.2; done
curl -sf -X PUT "$s3/drops" > /dev/null

cat > "$work/s3-drop.yaml" <<YAML
- templatedRoute:
    routeTemplateRef: s3-drop
    routeId: ptengine-profiles-s3-drop
    parameters:
      - { name: pipeline, value: ptengine-profiles }
      - { name: bucket, value: drops }
      - { name: prefix, value: inbox/ }
      - { name: donePrefix, value: done/ }
      - { name: failedPrefix, value: failed/ }
      - { name: sink, value: "aws2-s3://drops" }
      - { name: sinkPrefix, value: results/ }
YAML
start_sandbox "$work" DROPBRIDGE_SANDBOX_PTENGINE_LATENCY_MS="$latency_ms"

# replica N [NAME=VALUE ...]: replica N on the S3 drop, with a work dir of its own
replica() {
    local n=$1
    shift
    start_replica "$work" "$n" DROPBRIDGE_ROUTES="file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,file:$work/s3-drop.yaml" \
        DROPBRIDGE_S3_OVERRIDE_ENDPOINT=true DROPBRIDGE_S3_ENDPOINT="$s3" DROPBRIDGE_S3_PATH_STYLE=true \
        AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 "$@"
    replica_pid[$n]=${pids[-1]}
}
declare -A replica_pid
users() { python3 -c 'import sys
print("user_id,plan,city")
for i in range(1, int(sys.argv[1]) + 1): print("user-%s-%d,gold,Paris" % (sys.argv[2], i))' "$1" "$2"; }
# put FILE NAME: with the AWS CLI, which uploads a large file in parts as S3Proxy needs
put() {
    AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1 AWS_REQUEST_CHECKSUM_CALCULATION=when_required \
        aws --endpoint-url "$s3" s3 cp --only-show-errors "$1" "s3://drops/inbox/$2"
}
report_of() { curl -sf "$s3/drops/results/reports/$1.json" 2> /dev/null || true; }
await_final() {
    until report_of "$1" | grep -q '"status"' && ! report_of "$1" | grep -q IN_PROGRESS; do sleep 0.5; done
}
leader_of() { if leads 1 ptengine-profiles; then echo 1; else echo 2; fi; }
object_bytes() { curl -sf "$s3/drops/$1" | wc -c; }

echo "== 1. cost: $rows rows at ${latency_ms} ms, a checkpoint every 30 s or 1,000 requests (the defaults)"
replica 1
replica 2
until leads 1 ptengine-profiles || leads 2 ptengine-profiles; do sleep 0.2; done
leader=$(leader_of)
users "$rows" cost > "$work/cost.csv"
started=$(date +%s%N)
put "$work/cost.csv" cost.csv
await_final cost.csv
ended=$(date +%s%N)
minutes=$(awk "BEGIN {print ($ended - $started) / 60e9}")
objects=$(metric "$leader" dropbridge_checkpoint_objects_total ptengine-profiles)
bytes=$(metric "$leader" dropbridge_checkpoint_bytes_total ptengine-profiles)
outcomes=$(( $(object_bytes results/success/cost.csv.jsonl) + $(object_bytes results/error/cost.csv.jsonl) ))
awk -v o="$objects" -v b="$bytes" -v m="$minutes" -v out="$outcomes" 'BEGIN {
    printf "file: %.2f min; checkpoint: %d objects, %.1f MB (outcome files %.1f MB); per minute: %.1f objects, %.1f MB\n",
        m, o, b / 1e6, out / 1e6, o / m, b / 1e6 / m }'
stop_all
[ "$turns" -gt 0 ] || exit 0

echo "== 2. failover: $turns turns of $failover_rows rows, checkpoint every ${failover_interval} s, leader killed at a third"
start_sandbox "$work" DROPBRIDGE_SANDBOX_PTENGINE_LATENCY_MS="$latency_ms"
replica 1 DROPBRIDGE_CHECKPOINT_INTERVAL_S="$failover_interval"
replica 2 DROPBRIDGE_CHECKPOINT_INTERVAL_S="$failover_interval"
resume_ms=()
for turn in $(seq 1 "$turns"); do
    until leads 1 ptengine-profiles || leads 2 ptengine-profiles; do sleep 0.2; done
    leader=$(leader_of)
    standby=$((3 - leader))
    users "$failover_rows" "turn$turn" > "$work/turn-$turn.csv"
    put "$work/turn-$turn.csv" "turn-$turn.csv"
    until [ "$(metric "$leader" dropbridge_files_in_progress_records_read ptengine-profiles)" -ge $((failover_rows / 3)) ]; do sleep 0.1; done
    kill -9 "${replica_pid[$leader]}"
    killed=$(date +%s%N)
    until [ "$(metric "$standby" dropbridge_files_in_progress_records_read ptengine-profiles)" -gt 0 ]; do sleep 0.05; done
    resumed=$(date +%s%N)
    await_final "turn-$turn.csv"
    report=$(report_of "turn-$turn.csv")
    again=$(echo "$report" | python3 -c 'import json, sys; print(json.load(sys.stdin)["resumed"]["recordsSentAgain"])')
    ms=$(( (resumed - killed) / 1000000 ))
    resume_ms+=("$ms")
    echo "turn $turn: replica $leader killed, replica $standby reading the file again after $ms ms; records sent again (report) $again"
    replica "$leader" DROPBRIDGE_CHECKPOINT_INTERVAL_S="$failover_interval"
done
echo "kill to resume, min / median / max (ms): $(printf '%s\n' "${resume_ms[@]}" | stats)"
