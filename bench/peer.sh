#!/usr/bin/env bash
# Side-by-side benchmark of the ptengine-profiles pipeline against an external peer: the packaged
# application and the reference clients, Python (../shared/perf/pyclient.py) and plain Java
# (bench/JavaClient.java: commons-csv, a JsonGenerator, the JDK's HttpClient; in a JVM of the
# application's settings), each 8 threads, keep-alive, 100-row bodies, take turns against the same
# Stub (../shared/perf/Stub.java), each sitting on a fresh Stub.
#
#   bench/peer.sh [SITTING ...]     (default: latency rate memory)
#
#   latency  100k rows, the peer answers in 50 ms, 8 in flight: the limit is 16,000 rows/s
#            (8 x 100 rows / 50 ms); the application, Python and Java in turns
#   rate     1M rows, the peer answers at once (0 ms), 8 in flight: every client CPU-bound; the
#            application, Python and Java in turns
#   memory   the application alone, 1M and 3M rows at 0 ms: peak RSS
#   builds   two builds of the application in turns, 1M rows at 0 ms: BENCH_APP (or the
#            project's build) as "app", VS_APP=<other build's quarkus-run.jar> as "vs"; an older
#            build with routes of its own reads VS_ROUTES (e.g. file:<its checkout>/routes/*.yaml);
#            VS_JVM and VS_JAVA run it with JVM settings or a java launcher of its own (default:
#            BENCH_JVM, BENCH_JAVA), e.g. the same jar with and without a class archive
#   builds-latency  the same two builds in turns, 100k rows at 50 ms, 8 in flight
#   profile  the application alone, 1M rows at 0 ms, with Java Flight Recorder (settings=profile);
#            prints where the CPU went while it delivered the files (bench/JfrSummary.java); with
#            WARM=1, while it delivered the files again, warm
#   resume   the application alone, 1M rows at 0 ms, killed (SIGKILL) once the Stub has received
#            half of them, then started again on the same folders: rows the Stub received twice
#            (resent_rows) against the report's recordsSentAgain, seconds from the restart to
#            ready and to the file's final report
#   longline the application alone: 1,000 rows, the second with a 50 MB field; peak RSS
#   mapping  1M rows at 0 ms, the application in turns on the plain file ("app") and on the same
#            rows under a CRM export's header, read through bench/mappings/bench-crm.yaml
#            ("mapped": six columns renamed, a skip rule tried on every row, emptyValues: omit);
#            the requests carry the same attributes either way
#   jsonarray the application alone, 1M and 3M rows as a JSON array (.json) at 0 ms: peak RSS
#
#   RUNS=3         turns of each client per sitting (figures: min / median / max)
#   WARM=1         except in the memory sitting, the application (and the Java client) goes on
#                  after its first file: 2M rows more (not counted), then the file again, counted
#                  as "<client>-warm": a process whose JIT compiler has done its work
#   PEER_DIR       where Stub.java and pyclient.py are (../shared/perf)
#   PEER_PORT      the Stub's port (19100); BENCH_PORT, BENCH_JVM, BENCH_APP: see bench/lib.sh
#
# Figures of a run: rows/s from the application's report (file opened to last outcome written,
# start-up not counted) or from the Python or Java client's own output; cpu_s, the client's user +
# system CPU while it delivered the file (the Java client's by its own count, its JVM's start-up
# not counted; Python's with the interpreter's start), for the application split by thread (JIT
# compilers, VM thread, Camel threads, the rest), gc_s its collectors' time; cpu_total_s, the
# application's CPU since it started; peer_cpu_s, the Stub's CPU; rest_of_machine_cpu_s, every other process's. A run
# during which a Maven build ran, or other processes took more than a second of CPU, is marked
# busy, left out of the figures and run again (up to 4 times).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

peer=${PEER_DIR:-../shared/perf}
peer_port=${PEER_PORT:-19100}
runs=${RUNS:-3}
warm=${WARM:-0}
key=perfkey # the key pyclient.py sends
work=bench/work/peer
results=$work/results.txt
busy_mark=$work/busy
mkdir -p "$work/stub"
: > "$results"

# calc EXPRESSION FORMAT: the expression's value, printed with the printf format
calc() {
    awk "BEGIN {printf \"$2\", ($1)}"
}

maven_running() {
    pgrep -f 'surefirebooter|plexus-classworlds' > /dev/null
}

watch_builds() {
    while :; do
        if maven_running; then touch "$busy_mark"; fi
        sleep 1
    done
}

# before a run: no Maven build or test suite competing for the cores
wait_quiet() {
    if maven_running; then
        echo "waiting for the Maven builds and test runs on this machine to end" >&2
        while maven_running; do sleep 5; done
        sleep 5
    fi
}

# busy REST_OF_MACHINE_CPU_S: " busy" when a build ran during the run, or other processes took
# more than a second of CPU while it ran
busy() {
    if [ -e "$busy_mark" ] || maven_running || [ "$(calc "$1 > 1" %d)" = 1 ]; then
        touch "$busy_mark"
        echo " busy"
    fi
}

# clean RUNNER ARGS...: the run, again after the builds have ended when it was busy
clean() {
    local attempt
    for attempt in 1 2 3 4; do
        wait_quiet
        rm -f "$busy_mark"
        "$@"
        [ -e "$busy_mark" ] || return 0
    done
}

stub=
start_stub() {
    local latency=$1
    if listening "$peer_port"; then
        echo "something already listens on port $peer_port; stop it or set PEER_PORT" >&2
        exit 1
    fi
    [ -f "$work/stub/Stub.class" ] || javac -d "$work/stub" "$peer/Stub.java"
    # in its own session, so that it outlives a terminal or job that ends
    (cd "$work/stub" && exec setsid nohup java -Dsun.net.httpserver.nodelay=true -cp . Stub "$peer_port" "$latency" "$key" > stub.log 2>&1) &
    stub=$!
    until curl -sf "http://127.0.0.1:$peer_port/stats" > /dev/null; do
        kill -0 "$stub" 2> /dev/null || { echo "the Stub did not start; see $work/stub/stub.log" >&2; exit 1; }
        sleep 0.2
    done
    # the reference client sends 100k rows first, not counted, so that the Stub's own JIT warm-up
    # is not paid by whichever client comes first
    python3 "$peer/pyclient.py" "$(input_of 100000)" "$peer_port" 8 > /dev/null
}

stop_stub() {
    if [ -n "$stub" ]; then
        kill "$stub" 2> /dev/null || true
        wait "$stub" 2> /dev/null || true
        stub=
    fi
}

watch_builds &
watcher=$!
on_exit="stop_app; stop_java_client; stop_stub; kill $watcher"

# rows the Stub has received so far
peer_rows() {
    curl -sf "http://127.0.0.1:$peer_port/stats" | awk '{print $2}'
}

# input_of ROWS [KIND]: the generated file of ROWS profiles; KIND csv (the attribute names as
# header), crm (the header of bench/mappings/bench-crm.yaml) or json (a JSON array)
input_of() {
    local kind=${2:-csv} input
    case $kind in
        csv) input="bench/work/profiles-$1.csv" ;;
        crm) input="bench/work/crm-$1.csv" ;;
        json) input="bench/work/profiles-$1.json" ;;
    esac
    if [ ! -f "$input" ]; then
        if [ "$kind" = crm ]; then
            java bench/GenerateProfiles.java "$1" "$input" "Customer ID,Plan,City,Score,Signed Up,Note"
        else
            java bench/GenerateProfiles.java "$1" "$input"
        fi
    fi
    echo "$input"
}

plain_routes=file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,file:bench/ptengine-drop.yaml
mapped_routes=${plain_routes/ptengine-drop.yaml/ptengine-mapped-drop.yaml}

# peer_settings [ROUTES]: the application's settings for delivering to the Stub, 8 in flight;
# only the Ptengine pipeline is fed, so PTENGINE_API_KEY is the one credential it needs
peer_settings() {
    local routes=${1:-$plain_routes}
    echo DROPBRIDGE_SANDBOX_ENABLED=false PTENGINE_API_KEY="$key" PTENGINE_IN_FLIGHT=8 \
        PTENGINE_URL="http://127.0.0.1:$peer_port/v1/user/profiles" DROPBRIDGE_ROUTES="$routes"
}

# app_run SITTING ROWS [LABEL JAR]: the application delivers the file to the Stub, 8 in flight;
# with WARM=1 it then delivers 2M rows more and the file again, counted as LABEL-warm. LABEL
# mapped reads the CRM file through its mapping; the jsonarray sitting delivers JSON arrays.
app_run() {
    local sitting=$1 rows=$2 label=${3:-app} jar=${4:-$jar} data="$work/app" settings kind=csv extension
    # start_app reads these: the vs build may run with JVM settings and a launcher of its own
    local jvm=$jvm java_bin=$java_bin
    case $label in
        vs)
            settings=$(peer_settings "${VS_ROUTES:-}")
            jvm=${VS_JVM:-$jvm}
            java_bin=${VS_JAVA:-$java_bin}
            ;;
        mapped)
            kind=crm
            settings="$(peer_settings "$mapped_routes") DROPBRIDGE_MAPPINGS_DIRS=bench/mappings"
            ;;
        *) settings=$(peer_settings) ;;
    esac
    [ "$sitting" != jsonarray ] || kind=json
    extension=${kind/crm/csv}
    rm -f "$busy_mark"
    # shellcheck disable=SC2086
    start_app "$data" $settings
    measure "$sitting" "$label" "$(input_of "$rows" "$kind")"
    if [ "$warm" = 1 ] && [ "$sitting" != memory ] && [ "$sitting" != jsonarray ]; then
        cp "$(input_of 2000000 "$kind")" "$work/warm-up.$extension"
        deliver "$data" ptengine-profiles "$work/warm-up.$extension"
        cp "$(input_of "$rows" "$kind")" "$work/again.$extension"
        measure "$sitting" "$label-warm" "$work/again.$extension"
    fi
    stop_app
}

# measure SITTING LABEL FILE: the running application delivers the file; prints the run's figures
measure() {
    local sitting=$1 label=$2 input=$3 data="$work/app"
    local rows0 peer_cpu0 cpu0 gc0 machine0
    gc0=$(gc_s)
    rows0=$(peer_rows)
    threads_from "$work/threads.txt"
    machine0=$(machine_cpu_s)
    peer_cpu0=$(cpu_s "$stub")
    cpu0=$(cpu_s)
    delivery_from=$(date +%s%3N)
    deliver "$data" ptengine-profiles "$input"
    delivery_to=$(date +%s%3N)
    echo "$label $delivery_from-$delivery_to" >> "$work/windows.txt"
    local cpu peer_cpu machine threads
    cpu=$(calc "$(cpu_s) - $cpu0" %.1f)
    peer_cpu=$(calc "$(cpu_s "$stub") - $peer_cpu0" %.1f)
    machine=$(machine_cpu_s)
    threads=$(threads_to "$work/threads.txt")
    local received ms read ok warn rest flag
    received=$(( $(peer_rows) - rows0 ))
    ms=$(field durationMs)
    read=$(field read)
    ok=$(field succeeded)
    warn=$(grep -c WARN "$data/app.log" || true)
    rest=$(calc "$machine - $machine0 - $cpu - $peer_cpu" %.1f)
    flag=$(busy "$rest")
    [ "$received" = "$ok" ] || flag+=" MISMATCH: the Stub received $received rows"
    printf '%-8s %-11s rows=%s succeeded=%s seconds=%s rows_per_s=%s cpu_s=%s %s gc_s=%s cpu_total_s=%s peak_rss_mb=%s warn=%s peer_cpu_s=%s rest_of_machine_cpu_s=%s%s\n' \
        "$sitting" "$label" "$read" "$ok" "$(calc "$ms / 1000" %.2f)" "$(calc "$read * 1000 / $ms" %.0f)" "$cpu" "$threads" \
        "$(calc "$(gc_s) - $gc0" %.1f)" "$(cpu_s)" "$(peak_rss_mb)" "$warn" "$peer_cpu" "$rest" "$flag" \
        | tee -a "$results"
}

# counters_from: the Stub's rows and CPU and the machine's CPU before a client sends a file;
# client_line SITTING LABEL OUTPUT CPU_S after it: the run's figures, from the client's OUTPUT
# (rows=, seconds=, rows_per_s=) and the CPU_S it spent
counters_from() {
    rows0=$(peer_rows)
    machine0=$(machine_cpu_s)
    peer_cpu0=$(cpu_s "$stub")
}

client_line() {
    local sitting=$1 label=$2 out=$3 cpu=$4 received rows seconds rate peer_cpu machine rest flag
    peer_cpu=$(calc "$(cpu_s "$stub") - $peer_cpu0" %.1f)
    machine=$(machine_cpu_s)
    received=$(( $(peer_rows) - rows0 ))
    rows=$(grep -o 'rows=[0-9]*' <<< "$out" | cut -d= -f2)
    seconds=$(grep -o 'seconds=[0-9.]*' <<< "$out" | cut -d= -f2)
    rate=$(grep -o 'rows_per_s=[0-9]*' <<< "$out" | cut -d= -f2)
    rest=$(calc "$machine - $machine0 - $cpu - $peer_cpu" %.1f)
    flag=$(busy "$rest")
    [ "$received" = "$rows" ] || flag+=" MISMATCH: the Stub received $received rows"
    printf '%-8s %-11s rows=%s seconds=%s rows_per_s=%s cpu_s=%s peer_cpu_s=%s rest_of_machine_cpu_s=%s%s\n' \
        "$sitting" "$label" "$rows" "$seconds" "$rate" "$(calc "$cpu" %.1f)" "$peer_cpu" "$rest" "$flag" \
        | tee -a "$results"
}

# python_run SITTING ROWS: the reference client sends the file to the Stub with 8 threads
python_run() {
    local sitting=$1 input out
    input=$(input_of "$2")
    counters_from
    out=$(/usr/bin/time -f 'cpu %U %S' python3 "$peer/pyclient.py" "$input" "$peer_port" 8 2>&1)
    client_line "$sitting" python "$out" "$(awk '/^cpu / {print $2 + $3}' <<< "$out")"
}

# java_run SITTING ROWS: the Java reference client (bench/JavaClient.java) sends the file to the
# Stub with 8 threads, in a JVM of the application's settings; with WARM=1 the same JVM then sends
# 2M rows more (not counted) and the file again, counted as java-warm
java_run() {
    local sitting=$1 input
    input=$(input_of "$2")
    rm -f "$busy_mark"
    start_java_client
    java_measure "$sitting" java "$input"
    if [ "$warm" = 1 ]; then
        java_send "$(input_of 2000000)"
        java_measure "$sitting" java-warm "$input"
    fi
    stop_java_client
}

# start_java_client: the Java client, compiled once into bench/work/javaclient against the
# packaged application's own commons-csv (with what it needs) and jackson-core, started and
# waiting for the files to send on its standard input
java_client=
start_java_client() {
    local classes=bench/work/javaclient lib classpath
    [ -f "$jar" ] || ./mvnw -q package -DskipTests
    lib="$(dirname "$jar")/lib/main"
    classpath=$(printf '%s:' "$lib"/org.apache.commons.commons-csv-*.jar "$lib"/commons-io.commons-io-*.jar \
        "$lib"/commons-codec.commons-codec-*.jar "$lib"/com.fasterxml.jackson.core.jackson-core-*.jar)
    [ "$classes/JavaClient.class" -nt bench/JavaClient.java ] || javac -cp "$classpath" -d "$classes" bench/JavaClient.java
    # shellcheck disable=SC2086
    coproc JAVA_CLIENT { exec java $jvm -cp "$classes:$classpath" JavaClient "$peer_port" 8; }
    java_client=$JAVA_CLIENT_PID java_to=${JAVA_CLIENT[1]} java_from=${JAVA_CLIENT[0]}
    read -r java_out <&"$java_from" && [ "$java_out" = ready ] || { echo "the Java client did not start" >&2; exit 1; }
}

# stop_java_client: ends the Java client (its input closed) and waits until it is gone
stop_java_client() {
    if [ -n "$java_client" ]; then
        exec {java_to}>&-
        kill "$java_client" 2> /dev/null || true
        wait "$java_client" 2> /dev/null || true
        java_client=
    fi
}

# java_send FILE: the running Java client sends the file; java_out is the line it printed for it
java_send() {
    echo "$1" >&"$java_to"
    read -r java_out <&"$java_from" || { echo "the Java client stopped before it had sent $1" >&2; exit 1; }
}

# java_measure SITTING LABEL FILE: the running Java client sends the file; prints the run's
# figures, cpu_s being the client's CPU while it sent the file (by its own count)
java_measure() {
    counters_from
    java_send "$3"
    client_line "$1" "$2" "$java_out" "$(grep -o 'cpu_s=[0-9.]*' <<< "$java_out" | cut -d= -f2)"
}

# summary SITTING CLIENT ROWS: min / median / max of each figure of the client's clean runs;
# nothing when it has none
summary() {
    { grep "^$1 *$2 *rows=$3 " "$results" || true; } | { grep -v -e busy -e MISMATCH || true; } | awk -v s="$1" -v c="$2" -v r="$3" '
        { n++; for (i = 3; i <= NF; i++) if (split($i, kv, "=") == 2 && kv[2] ~ /^-?[0-9.]+$/) { v[kv[1]] = v[kv[1]] " " kv[2]; order[kv[1]] = i } }
        END {
            if (n == 0) exit
            line = sprintf("%-8s %-11s %7s rows, %d runs (min / median / max):", s, c, r, n)
            for (k in order) keys[order[k]] = k
            for (i = 3; i <= 40; i++) {
                k = keys[i]
                if (k == "" || k == "rows" || k == "succeeded") continue
                m = split(substr(v[k], 2), a, " ")
                for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
                line = line sprintf(" %s %s / %s / %s", k, a[1], a[int((m + 1) / 2)], a[m])
            }
            print line
        }'
}

latency() {
    wait_quiet
    start_stub 50
    for _ in $(seq "$runs"); do
        clean app_run latency 100000
        clean python_run latency 100000
        clean java_run latency 100000
    done
    stop_stub
}

rate() {
    wait_quiet
    start_stub 0
    for _ in $(seq "$runs"); do
        clean app_run rate 1000000
        clean python_run rate 1000000
        clean java_run rate 1000000
    done
    stop_stub
}

memory() {
    wait_quiet
    start_stub 0
    for _ in $(seq "$runs"); do
        clean app_run memory 1000000
        clean app_run memory 3000000
    done
    stop_stub
}

# two_builds SITTING LATENCY_MS ROWS: BENCH_APP and VS_APP in turns
two_builds() {
    [ -n "${VS_APP:-}" ] || { echo "the $1 sitting compares with VS_APP=<other build's quarkus-run.jar>" >&2; exit 2; }
    wait_quiet
    start_stub "$2"
    for _ in $(seq "$runs"); do
        clean app_run "$1" "$3"
        clean app_run "$1" "$3" vs "$VS_APP"
    done
    stop_stub
}

profile() {
    wait_quiet
    start_stub 0
    local plain_jvm=$jvm i label recordings
    rm -f "$work"/profile-*.jfr "$work/profile-windows.txt"
    for i in $(seq "$runs"); do
        jvm="$plain_jvm -XX:FlightRecorderOptions:stackdepth=256"
        jvm+=" -XX:StartFlightRecording=filename=$work/profile-$i.jfr,settings=profile,dumponexit=true"
        : > "$work/windows.txt"
        clean app_run profile 1000000
        sed "s|^|$work/profile-$i.jfr |" "$work/windows.txt" >> "$work/profile-windows.txt"
    done
    jvm=$plain_jvm
    stop_stub
    # the samples taken while the files were delivered, without the start-ups and warm-ups
    for label in app app-warm; do
        recordings=$(awk -v l="$label" '$2 == l {print $1 "@" $3}' "$work/profile-windows.txt")
        if [ -n "$recordings" ]; then
            echo "== where the CPU went: $label"
            # shellcheck disable=SC2086
            java bench/JfrSummary.java $recordings
        fi
    done | tee "$work/profile.txt"
}

# resume_run: the application is killed once the Stub has received half of a 1M-row file, and
# started again on the same folders; prints what the Stub received twice and how long resuming took
resume_run() {
    local data="$work/app" rows=1000000 rows0 at_kill restarted ready finished received ok
    rm -f "$busy_mark"
    rows0=$(peer_rows)
    start_app "$data" $(peer_settings)
    drop_file "$data" ptengine-profiles "$(input_of "$rows")"
    until [ $(( $(peer_rows) - rows0 )) -ge $(( rows / 2 )) ]; do alive; sleep 0.05; done
    kill -9 "$app"
    wait "$app" 2> /dev/null || true
    app=
    at_kill=$(( $(peer_rows) - rows0 ))
    restarted=$(date +%s%3N)
    restart_app "$data" $(peer_settings)
    ready=$(date +%s%3N)
    await_report
    finished=$(date +%s%3N)
    received=$(( $(peer_rows) - rows0 ))
    ok=$(field succeeded)
    printf 'resume   app         rows=%s succeeded=%s received_at_kill=%s resent_rows=%s reported_resent=%s restart_to_ready_s=%s restart_to_report_s=%s peak_rss_mb=%s%s\n' \
        "$(field read)" "$ok" "$at_kill" "$(( received - ok ))" "$(report_value resumed.recordsSentAgain)" \
        "$(calc "($ready - $restarted) / 1000" %.2f)" "$(calc "($finished - $restarted) / 1000" %.2f)" "$(peak_rss_mb)" "$(busy 0)" \
        | tee -a "$results"
    stop_app
}

resume() {
    wait_quiet
    start_stub 0
    for _ in $(seq "$runs"); do
        clean resume_run
    done
    stop_stub
}

# longline_run: a file whose second row has a 50 MB field goes through; its report and peak RSS
longline_run() {
    local data="$work/app" input="bench/work/long-line.csv"
    [ -f "$input" ] || python3 -c '
import sys
with open(sys.argv[1], "w") as out:
    out.write("user_id,plan,city,score,signed_up,note\n")
    for i in range(1, 1001):
        note = "x" * (50 * 1024 * 1024) if i == 2 else "row %d" % i
        out.write("user-%d,gold,Paris,1,2026-01-01,%s\n" % (i, note))
' "$input"
    rm -f "$busy_mark"
    start_app "$data" $(peer_settings)
    deliver "$data" ptengine-profiles "$input"
    printf 'longline app         rows=%s succeeded=%s failed_read=%s peak_rss_mb=%s%s\n' \
        "$(field read)" "$(field succeeded)" "$(report_value failedByStage.read)" \
        "$(peak_rss_mb)" "$(busy 0)" | tee -a "$results"
    stop_app
}

longline() {
    wait_quiet
    start_stub 0
    for _ in $(seq "$runs"); do
        clean longline_run
    done
    stop_stub
}

mapping() {
    wait_quiet
    start_stub 0
    for _ in $(seq "$runs"); do
        clean app_run mapping 1000000
        clean app_run mapping 1000000 mapped
    done
    stop_stub
}

jsonarray() {
    wait_quiet
    start_stub 0
    for _ in $(seq "$runs"); do
        clean app_run jsonarray 1000000
        clean app_run jsonarray 3000000
    done
    stop_stub
}

# ratio SITTING LABEL OF_LABEL ROWS: the median rows/s of LABEL's clean runs over OF_LABEL's
ratio() {
    local a b
    a=$(median_rate "$1" "$2" "$4")
    b=$(median_rate "$1" "$3" "$4")
    [ -n "$a" ] && [ -n "$b" ] && echo "$1: $2 at $(calc "$a / $b" %.3f) x the rate of $3 (medians $a and $b rows/s)"
}

median_rate() {
    grep "^$1 *$2 *rows=$3 " "$results" | grep -v -e busy -e MISMATCH | grep -o 'rows_per_s=[0-9]*' | cut -d= -f2 | sort -n \
        | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

sittings=("$@")
[ ${#sittings[@]} -gt 0 ] || sittings=(latency rate memory)
for sitting in "${sittings[@]}"; do
    case $sitting in
        latency | rate | memory | profile | resume | longline | mapping | jsonarray) "$sitting" ;;
        builds) two_builds builds 0 1000000 ;;
        builds-latency) two_builds builds-latency 50 100000 ;;
        *) echo "unknown sitting $sitting: latency, rate, memory, builds, builds-latency, profile, resume, longline, mapping or jsonarray" >&2; exit 2 ;;
    esac
done

echo
echo "== $(date -u +%F) $(nproc) cores, application JVM: $jvm; limit at 50 ms: 16000 rows/s"
for sitting in "${sittings[@]}"; do
    case $sitting in
        latency)
            summary latency app 100000; [ "$warm" = 1 ] && summary latency app-warm 100000; summary latency python 100000
            summary latency java 100000; [ "$warm" = 0 ] || summary latency java-warm 100000
            ;;
        rate)
            summary rate app 1000000; [ "$warm" = 1 ] && summary rate app-warm 1000000; summary rate python 1000000
            summary rate java 1000000; [ "$warm" = 0 ] || summary rate java-warm 1000000
            ;;
        memory) summary memory app 1000000; summary memory app 3000000 ;;
        builds) for c in app vs app-warm vs-warm; do summary builds "$c" 1000000; done ;;
        builds-latency) for c in app vs app-warm vs-warm; do summary builds-latency "$c" 100000; done ;;
        profile) summary profile app 1000000; summary profile app-warm 1000000 ;;
        resume) summary resume app 1000000 ;;
        longline) summary longline app 1000 ;;
        mapping)
            for c in app mapped; do
                summary mapping "$c" 1000000
                [ "$warm" = 1 ] && summary mapping "$c-warm" 1000000
            done
            ratio mapping mapped app 1000000
            [ "$warm" = 1 ] && ratio mapping mapped-warm app-warm 1000000
            ;;
        jsonarray) summary jsonarray app 1000000; summary jsonarray app 3000000 ;;
    esac
done
