# Shared steps of the benchmark runners: start the packaged application, drop one file, wait for
# its report, read figures from it. Source it from the project root; do not run it.
#
#   BENCH_PORT  the application's HTTP port (18090)
#   BENCH_JVM   its JVM settings (the container image's: -XX:+UseSerialGC -Xmx96m -XX:TrimNativeHeapInterval=1000)
#   BENCH_JAVA  the java launcher that runs it (java, the one on the PATH); another JDK's bin/java
#               measures that JDK
#   BENCH_APP   the application's jar (target/quarkus-app/quarkus-run.jar, built when missing);
#               another build's jar compares builds on the same routes

port=${BENCH_PORT:-18090}
# the JVM settings of the container image (src/main/docker/Dockerfile.jvm)
jvm=${BENCH_JVM:--XX:+UseSerialGC -Xmx96m -XX:TrimNativeHeapInterval=1000}
java_bin=${BENCH_JAVA:-java}
jar=${BENCH_APP:-target/quarkus-app/quarkus-run.jar}
export MALLOC_ARENA_MAX=2
ticks=$(getconf CLK_TCK)
app=
# what is stopped when the runner ends, however it ends; a runner that starts more adds to it
on_exit=stop_app
trap 'eval "$on_exit"' EXIT
trap 'exit 143' INT TERM

# listening PORT: true when something accepts connections on the local PORT
listening() {
    (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

# start_app DATA_DIR [NAME=VALUE ...]: the application with the sandbox as every API, on an empty
# DATA_DIR; the settings given override these. Refuses to start while anything listens on its
# port: an application left over from an earlier run would answer in its place.
start_app() {
    rm -rf "$1"
    restart_app "$@"
}

# restart_app DATA_DIR [NAME=VALUE ...]: as start_app, on what DATA_DIR holds (drops, work, outbox)
restart_app() {
    local data=$1
    shift
    if listening "$port"; then
        echo "something already listens on port $port (an application from an earlier run?); stop it or set BENCH_PORT" >&2
        exit 1
    fi
    [ -f "$jar" ] || ./mvnw -q package -DskipTests
    mkdir -p "$data"
    env DROPBRIDGE_DATA_DIR="$data" DROPBRIDGE_HTTP_PORT="$port" DROPBRIDGE_LOG_JSON=false \
        DROPBRIDGE_DROP_MIN_AGE_MS=0 DROPBRIDGE_DROP_POLL_DELAY_MS=200 DROPBRIDGE_SANDBOX_ENABLED=true \
        PTENGINE_URL="http://localhost:$port/sandbox/ptengine/v1/user/profiles" PTENGINE_API_KEY=sandbox-ptengine-key \
        ENGAGELAB_URL="http://localhost:$port/sandbox/engagelab/v1/user/profile" \
        ENGAGELAB_API_KEY=sandbox-engagelab-key ENGAGELAB_API_SECRET=sandbox-engagelab-secret \
        RABBITPRE_EVENTS_URL="http://localhost:$port/sandbox/rabbitpre/api/open/event/batchAdd" \
        RABBITPRE_TOKEN_URL="http://localhost:$port/sandbox/rabbitpre/api/open/app/getOrgAccessToken" \
        RABBITPRE_APP_ID=sandbox-app RABBITPRE_APP_SECRET=sandbox-app-secret \
        "$@" "$java_bin" $jvm -jar "$jar" >> "$data/app.log" 2>&1 &
    app=$!
    until curl -sf "http://localhost:$port/q/health/ready" > /dev/null; do alive; sleep 0.2; done
}

# stop_app: stops the application started last and waits until it is gone
stop_app() {
    if [ -n "$app" ]; then
        kill "$app" 2> /dev/null || true
        wait "$app" 2> /dev/null || true
        app=
    fi
}

alive() {
    kill -0 "$app" 2>/dev/null || { echo "the application stopped; see its app.log" >&2; exit 1; }
}

# deliver DATA_DIR PIPELINE FILE: drops the file whole and waits for its report
deliver() {
    drop_file "$@"
    await_report
}

# drop_file DATA_DIR PIPELINE FILE: drops the file whole (copied under a temporary name, then renamed)
drop_file() {
    local data=$1 pipeline=$2 file=$3 name
    name=$(basename "$file")
    mkdir -p "$data/inbox/$pipeline"
    cp "$file" "$data/$name.part"
    mv "$data/$name.part" "$data/inbox/$pipeline/$name"
    report="$data/outbox/$pipeline/reports/$name.json"
}

# await_report: waits until the report of the file dropped last says how it ended (it exists
# from the start as IN_PROGRESS)
await_report() {
    until [ -f "$report" ] && ! grep -q '"status" : "IN_PROGRESS"' "$report"; do alive; sleep 0.5; done
}

# field NAME: the first number named NAME in the report
field() {
    grep -o "\"$1\" : [0-9]*" "$report" | head -1 | grep -o '[0-9]*$'
}

# report_value DOTTED.PATH: a value of the report, e.g. failedByStage.read
report_value() {
    python3 -c 'import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    value = value.get(key, {}) if isinstance(value, dict) else {}
print(value if value != {} else "")' "$report" "$1"
}

peak_rss_mb() {
    echo $(( $(awk '/VmHWM/ {print $2}' "/proc/$app/status") / 1024 ))
}

# cpu_s [PID]: user + system CPU seconds of the application (or PID) so far
cpu_s() {
    awk -v t="$ticks" '{printf "%.1f", ($14 + $15) / t}' "/proc/${1:-$app}/stat"
}

# gc_s: seconds the application's JVM has spent in garbage collections so far (its perf counters)
gc_s() {
    jcmd "$app" PerfCounter.print 2> /dev/null | awk -F= '
        /^sun.os.hrt.frequency=/ { hz = $2 }
        /^sun.gc.collector.[0-9]+.time=/ { gc += $2 }
        END { printf "%.2f\n", gc / hz }'
}

# machine_cpu_s: CPU seconds the whole machine has been busy so far, all processes
machine_cpu_s() {
    awk -v t="$ticks" '/^cpu / {printf "%.1f", ($2 + $3 + $4 + $7 + $8 + $9) / t}' /proc/stat
}

# thread_cpu: one line per thread of the application: id, CPU nanoseconds so far, name
thread_cpu() {
    local task ns rest name
    for task in /proc/"$app"/task/*; do
        { read -r ns rest < "$task/schedstat" && read -r name < "$task/comm"; } 2> /dev/null || continue
        echo "${task##*/} $ns $name"
    done
}

# threads_from FILE: starts recording the application's threads' CPU into FILE (a snapshot now,
# then one a second, so that a thread that ends is still counted); threads_to FILE stops it and
# prints the CPU seconds spent since by the JIT compilers, the VM thread (where the serial
# collector runs), the Camel threads (reading, sending, outcomes) and the rest
threads_from() {
    thread_cpu | sed 's/^/start /' > "$1"
    (while kill -0 "$app" 2> /dev/null; do thread_cpu; sleep 1; done >> "$1") &
    thread_sampler=$!
}

threads_to() {
    kill "$thread_sampler" 2> /dev/null || true
    wait "$thread_sampler" 2> /dev/null || true
    thread_cpu >> "$1"
    awk '
        $1 == "start" { start[$2] = $3; next }
        { if ($2 > last[$1]) last[$1] = $2; name = $3; for (i = 4; i <= NF; i++) name = name " " $i; names[$1] = name }
        END {
            for (id in last) {
                n = names[id]
                group = n ~ /^C[12] CompilerThre/ ? "jit" : n == "VM Thread" ? "vm" : n ~ /^Camel/ ? "camel" : "other_threads"
                cpu[group] += (last[id] - start[id]) / 1e9
            }
            printf "jit_cpu_s=%.1f vm_cpu_s=%.1f camel_cpu_s=%.1f other_threads_cpu_s=%.1f", cpu["jit"], cpu["vm"], cpu["camel"], cpu["other_threads"]
        }' "$1"
}
