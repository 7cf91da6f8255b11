# Steps of the runners with several replicas (failover.sh, engagelab-replicas.sh): one process
# serves the sandbox APIs, the replicas share a drop folder, an outbox and the file cluster
# service, and deliver to that sandbox. Source it after lib.sh, from the project root.
#
#   BENCH_PORT  the sandbox's port (18090); the replicas take the next ones

pids=()
on_exit="stop_all; $on_exit"

# start_process LOG PORT [NAME=VALUE ...]: the packaged application in the background, with the
# settings given; its pid is appended to pids and it is awaited up (see below).
start_process() {
    local log=$1 port_of=$2
    shift 2
    if listening "$port_of"; then
        echo "something already listens on port $port_of; stop it or set BENCH_PORT" >&2
        exit 1
    fi
    [ -f "$jar" ] || ./mvnw -q package -DskipTests
    env DROPBRIDGE_HTTP_PORT="$port_of" DROPBRIDGE_LOG_JSON=false "$@" java $jvm -jar "$jar" > "$log" 2>&1 &
    pids+=($!)
    # up and able to lead or stand by, as the Kubernetes probe asks: with the cluster service none a
    # second process on a shared drop folder is never ready, its drops being led by the first
    until curl -sf "http://localhost:$port_of/q/health/group/cluster" > /dev/null; do
        kill -0 "${pids[-1]}" 2> /dev/null || { echo "the process stopped; see $log" >&2; exit 1; }
        sleep 0.2
    done
}

# start_sandbox DIR [NAME=VALUE ...]: the sandbox APIs on $port, with no drop of its own
start_sandbox() {
    local dir=$1
    shift
    mkdir -p "$dir"
    # the pipelines' routes name the credentials, so they are given although nothing is sent
    start_process "$dir/sandbox.log" "$port" DROPBRIDGE_DATA_DIR="$dir/sandbox" DROPBRIDGE_SANDBOX_ENABLED=true \
        DROPBRIDGE_ROUTES="file:routes/delivery.yaml,file:routes/pipelines/*.yaml" \
        PTENGINE_API_KEY=unused ENGAGELAB_API_KEY=unused ENGAGELAB_API_SECRET=unused RABBITPRE_TOKEN=unused "$@"
}

# start_replica DIR N [NAME=VALUE ...]: replica N on port $port+N, sharing DIR/data and the
# cluster folder DIR/cluster, delivering to the sandbox; its pid is ${pids[-1]}
start_replica() {
    local dir=$1 n=$2 sandbox="http://localhost:$port/sandbox"
    shift 2
    start_process "$dir/replica-$n.log" $((port + n)) \
        DROPBRIDGE_DATA_DIR="$dir/data" DROPBRIDGE_WORK_DIR="$dir/work-$n" \
        DROPBRIDGE_CLUSTER_SERVICE=file DROPBRIDGE_CLUSTER_FILE_ROOT="$dir/cluster" DROPBRIDGE_CLUSTER_MEMBER="replica-$n" \
        DROPBRIDGE_DROP_MIN_AGE_MS=0 DROPBRIDGE_DROP_POLL_DELAY_MS=200 \
        PTENGINE_URL="$sandbox/ptengine/v1/user/profiles" PTENGINE_API_KEY=sandbox-ptengine-key \
        ENGAGELAB_URL="$sandbox/engagelab/v1/user/profile" \
        ENGAGELAB_API_KEY=sandbox-engagelab-key ENGAGELAB_API_SECRET=sandbox-engagelab-secret \
        RABBITPRE_EVENTS_URL="$sandbox/rabbitpre/api/open/event/batchAdd" \
        RABBITPRE_TOKEN_URL="$sandbox/rabbitpre/api/open/app/getOrgAccessToken" \
        RABBITPRE_APP_ID=sandbox-app RABBITPRE_APP_SECRET=sandbox-app-secret "$@"
}

# leads N NAMESPACE: true when replica N leads the cluster namespace (its /q/health check cluster)
leads() {
    curl -sf "http://localhost:$((port + $1))/q/health/ready" | tr -d ' \n' | grep -o '"leads":"[^"]*"' | grep -q "$2"
}

# metric N NAME PIPELINE: the value of replica N's metric for the pipeline (0 when it has none);
# dropbridge_api_calls_total counts a file's calls when it ends, dropbridge_files_in_progress_records_read
# what the files being delivered have read so far
metric() {
    curl -sf "http://localhost:$((port + $1))/q/metrics" \
        | awk -v m="$2{" -v p="pipeline=\"$3\"" 'index($0, m) == 1 && index($0, p) { n += $NF } END { printf "%d\n", n }'
}

stop_all() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    done
    pids=()
}

# stats: min / median / max of the numbers on stdin, one a line
stats() {
    sort -n | awk '{ v[NR] = $1 } END { printf "%s / %s / %s\n", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR] }'
}
