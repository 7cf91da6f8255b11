# Shared steps of the benchmark runners: start the packaged application against the sandbox,
# drop one file, wait for its report, read figures from it. Source it; do not run it.

port=${BENCH_PORT:-18090}
# the JVM settings of the container image (src/main/docker/Dockerfile.jvm)
jvm=${BENCH_JVM:--XX:+UseSerialGC -Xmx96m}
export MALLOC_ARENA_MAX=2

# start_app DATA_DIR [NAME=VALUE ...]: the application with the sandbox as every API
start_app() {
    local data=$1
    shift
    [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
    rm -rf "$data"
    mkdir -p "$data"
    env DROPBRIDGE_DATA_DIR="$data" DROPBRIDGE_HTTP_PORT="$port" DROPBRIDGE_LOG_JSON=false \
        DROPBRIDGE_DROP_MIN_AGE_MS=0 DROPBRIDGE_DROP_POLL_DELAY_MS=200 DROPBRIDGE_SANDBOX_ENABLED=true \
        PTENGINE_URL="http://localhost:$port/sandbox/ptengine/v1/user/profiles" PTENGINE_API_KEY=sandbox-ptengine-key \
        ENGAGELAB_URL="http://localhost:$port/sandbox/engagelab/v1/user/profile" \
        ENGAGELAB_API_KEY=sandbox-engagelab-key ENGAGELAB_API_SECRET=sandbox-engagelab-secret \
        RABBITPRE_EVENTS_URL="http://localhost:$port/sandbox/rabbitpre/api/open/event/batchAdd" \
        RABBITPRE_TOKEN_URL="http://localhost:$port/sandbox/rabbitpre/api/open/app/getOrgAccessToken" \
        RABBITPRE_APP_ID=sandbox-app RABBITPRE_APP_SECRET=sandbox-app-secret \
        "$@" java $jvm -jar target/quarkus-app/quarkus-run.jar > "$data/app.log" 2>&1 &
    app=$!
    trap 'kill $app 2>/dev/null || true' EXIT
    until curl -sf "http://localhost:$port/q/health/ready" > /dev/null; do alive; sleep 0.2; done
}

alive() {
    kill -0 "$app" 2>/dev/null || { echo "the application stopped; see its app.log" >&2; exit 1; }
}

# deliver DATA_DIR PIPELINE FILE: drops the file whole and waits for its report
deliver() {
    local data=$1 pipeline=$2 file=$3 name
    name=$(basename "$file")
    mkdir -p "$data/inbox/$pipeline"
    cp "$file" "$data/$name.part"
    mv "$data/$name.part" "$data/inbox/$pipeline/$name"
    report="$data/outbox/$pipeline/reports/$name.json"
    until [ -f "$report" ]; do alive; sleep 0.5; done
}

# field NAME: the first number named NAME in the report
field() {
    grep -o "\"$1\" : [0-9]*" "$report" | head -1 | grep -o '[0-9]*$'
}

peak_rss_mb() {
    echo $(( $(awk '/VmHWM/ {print $2}' "/proc/$app/status") / 1024 ))
}
