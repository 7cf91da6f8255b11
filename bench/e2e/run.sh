#!/usr/bin/env bash
# End-to-end check with clients nobody here wrote: a CSV uploaded with the AWS CLI to S3Proxy
# (started from its own jar) and one uploaded with OpenSSH's sftp to a local OpenSSH server go
# through the packaged application to the Ptengine sandbox; the outcome files are then read back
# with the same clients. Everything listens on 127.0.0.1 and stops at the end.
#
#   bench/e2e/run.sh        (run as root on Debian: it installs awscli and openssh with apt-get)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work="$root/bench/work/e2e"
s3_port=18181
sftp_port=18222
app_port=18190
for port in $s3_port $sftp_port $app_port; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is in use: stop what listens there first" >&2
        exit 1
    fi
done
rm -rf "$work"
mkdir -p "$work"

if ! command -v aws > /dev/null || ! command -v sshd > /dev/null && ! [ -x /usr/sbin/sshd ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli openssh-server openssh-client > /dev/null
fi
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
s3proxy_jar="$work/s3proxy.jar"
./mvnw -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
    -DoutputDirectory="$work" -Dmdep.stripVersion=true -Dmdep.stripClassifier=true
mv "$work/s3proxy.jar" "$s3proxy_jar" 2>/dev/null || true

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== S3Proxy from its jar on 127.0.0.1:$s3_port"
cat > "$work/s3proxy.properties" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=e2e-access
s3proxy.credential=e2e-secret
s3proxy.ignore-unknown-headers=true
jclouds.provider=transient
jclouds.identity=e2e-access
jclouds.credential=e2e-secret
CONF
java -jar "$s3proxy_jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
pids+=($!)
export AWS_ACCESS_KEY_ID=e2e-access AWS_SECRET_ACCESS_KEY=e2e-secret AWS_DEFAULT_REGION=us-east-1
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
s3() { aws --endpoint-url "http://127.0.0.1:$s3_port" s3 "$@"; }
until s3 ls > /dev/null 2>&1; do sleep 0.5; done
s3 mb s3://e2e-drops

echo "== OpenSSH sftp server on 127.0.0.1:$sftp_port, key login only"
mkdir -p "$work/ssh" "$work/sftp/drop"
ssh-keygen -q -t ed25519 -N "" -f "$work/ssh/host_key"
ssh-keygen -q -t ed25519 -N "" -f "$work/ssh/client_key"
cp "$work/ssh/client_key.pub" "$work/ssh/authorized_keys"
chmod 700 "$work/ssh"
cat > "$work/ssh/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $sftp_port
HostKey $work/ssh/host_key
AuthorizedKeysFile $work/ssh/authorized_keys
PasswordAuthentication no
PermitRootLogin prohibit-password
StrictModes no
Subsystem sftp internal-sftp
PidFile $work/ssh/sshd.pid
CONF
mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$work/ssh/sshd_config" > "$work/sshd.log" 2>&1 &
pids+=($!)
echo "[127.0.0.1]:$sftp_port $(cut -d' ' -f1,2 "$work/ssh/host_key.pub")" > "$work/ssh/known_hosts"
sleep 1
user=$(id -un)
sftp_batch() { sftp -q -i "$work/ssh/client_key" -o UserKnownHostsFile="$work/ssh/known_hosts" -P "$sftp_port" -b - "$user@127.0.0.1"; }

echo "== the application, with an S3 drop and an SFTP drop (outcomes to S3)"
mkdir -p "$work/routes"
cat > "$work/routes/e2e-drops.yaml" <<YAML
- templatedRoute:
    routeTemplateRef: s3-drop
    routeId: e2e-s3-drop
    parameters:
      - { name: pipeline, value: ptengine-profiles }
      - { name: bucket, value: e2e-drops }
      - { name: prefix, value: inbox/ }
      - { name: donePrefix, value: done/ }
      - { name: failedPrefix, value: failed/ }
      - { name: sink, value: "aws2-s3://e2e-drops" }
      - { name: sinkPrefix, value: results/ }
- templatedRoute:
    routeTemplateRef: sftp-drop
    routeId: e2e-sftp-drop
    parameters:
      - { name: pipeline, value: ptengine-profiles }
      - { name: server, value: "$user@127.0.0.1:$sftp_port" }
      - { name: folder, value: "$(realpath --relative-to="$HOME" "$work/sftp/drop")" }
      - { name: sink, value: "aws2-s3://e2e-drops" }
      - { name: sinkPrefix, value: results/from-sftp/ }
- templatedRoute:
    routeTemplateRef: s3-drop
    routeId: e2e-late-sink-drop
    parameters:
      - { name: pipeline, value: ptengine-profiles }
      - { name: bucket, value: e2e-drops }
      - { name: prefix, value: late/ }
      - { name: donePrefix, value: done-late/ }
      - { name: failedPrefix, value: failed-late/ }
      - { name: sink, value: "aws2-s3://e2e-late-results" }
YAML
(cd "$work" && exec env DROPBRIDGE_DATA_DIR="$work/data" DROPBRIDGE_HTTP_PORT=$app_port DROPBRIDGE_LOG_JSON=false \
    DROPBRIDGE_ROUTES="file:$root/routes/delivery.yaml,file:$root/routes/drop-kinds.yaml,file:$root/routes/pipelines/*.yaml,file:$work/routes/e2e-drops.yaml" DROPBRIDGE_DROP_MIN_AGE_MS=500 DROPBRIDGE_DROP_POLL_DELAY_MS=500 DROPBRIDGE_SINK_RETRY_MAX_DELAY_MS=10000 \
    DROPBRIDGE_SANDBOX_ENABLED=true PTENGINE_URL="http://localhost:$app_port/sandbox/ptengine/v1/user/profiles" \
    PTENGINE_API_KEY=sandbox-ptengine-key ENGAGELAB_API_KEY=unused ENGAGELAB_API_SECRET=unused RABBITPRE_TOKEN=unused \
    DROPBRIDGE_S3_OVERRIDE_ENDPOINT=true DROPBRIDGE_S3_ENDPOINT="http://127.0.0.1:$s3_port" DROPBRIDGE_S3_PATH_STYLE=true \
    DROPBRIDGE_SFTP_PRIVATE_KEY_FILE="$work/ssh/client_key" DROPBRIDGE_SFTP_KNOWN_HOSTS_FILE="$work/ssh/known_hosts" \
    java -jar "$root/target/quarkus-app/quarkus-run.jar" > "$work/app.log" 2>&1) &
app=$!
pids+=($app)
until curl -sf "http://localhost:$app_port/q/health/live" > /dev/null; do
    kill -0 "$app" 2> /dev/null || { echo "the application stopped:" >&2; tail -20 "$work/app.log" >&2; exit 1; }
    sleep 0.5
done

echo "== upload: aws s3 cp, and sftp put (to a temporary name, then rename)"
s3 cp "$root/samples/ptengine/users.csv" s3://e2e-drops/inbox/users.csv
cp "$root/samples/ptengine/users.jsonl" "$work/users.jsonl"
printf 'put %s %s\nrename %s %s\n' "$work/users.jsonl" "$work/sftp/drop/users.jsonl.part" \
    "$work/sftp/drop/users.jsonl.part" "$work/sftp/drop/users.jsonl" | sftp_batch

echo "== waiting for the reports"
for key in results/reports/users.csv.json results/from-sftp/reports/users.jsonl.json; do
    # the report is shipped at the start as IN_PROGRESS and again when the file is done
    for _ in $(seq 1 120); do
        s3 cp "s3://e2e-drops/$key" - 2> /dev/null | grep -q '"status"' \
            && ! s3 cp "s3://e2e-drops/$key" - 2> /dev/null | grep -q IN_PROGRESS && break
        sleep 0.5
    done
done

echo "== outcome files in the bucket"
s3 ls --recursive s3://e2e-drops/
echo "== report of the S3 drop"
s3 cp s3://e2e-drops/results/reports/users.csv.json -
echo "== report of the SFTP drop"
s3 cp s3://e2e-drops/results/from-sftp/reports/users.jsonl.json -
echo "== the SFTP folder after delivery"
echo "ls -la $work/sftp/drop/.done" | sftp_batch

echo "== a sink bucket that does not exist yet: six files uploaded with aws s3 cp to late/"
for i in 1 2 3 4 5 6; do
    sed "s/^u-/late$i-u-/" "$root/samples/ptengine/users.csv" > "$work/late-$i.csv"
    s3 cp "$work/late-$i.csv" "s3://e2e-drops/late/late-$i.csv" > /dev/null
done
for _ in $(seq 1 120); do
    [ "$(s3 ls s3://e2e-drops/done-late/ 2> /dev/null | wc -l)" -eq 6 ] && [ -z "$(s3 ls s3://e2e-drops/late/ 2> /dev/null)" ] && break
    sleep 0.5
done
echo "== settled while the sink is gone: late/ and done-late/"
s3 ls s3://e2e-drops/late/ || true
s3 ls s3://e2e-drops/done-late/
curl -s "http://localhost:$app_port/q/metrics" | grep '^dropbridge_outcomes_waiting'
sandbox_requests() { curl -s "http://localhost:$app_port/q/metrics" | grep '^dropbridge_api_calls_total' | awk '{s += $2} END {print s}'; }
echo "API calls so far: $(sandbox_requests)"
echo "== the sink bucket is created: aws s3 mb s3://e2e-late-results"
s3 mb s3://e2e-late-results
for _ in $(seq 1 120); do
    [ "$(s3 ls s3://e2e-late-results/reports/ 2> /dev/null | wc -l)" -eq 6 ] && break
    sleep 0.5
done
s3 ls --recursive s3://e2e-late-results/
curl -s "http://localhost:$app_port/q/metrics" | grep '^dropbridge_outcomes_waiting'
echo "API calls after the outcomes arrived: $(sandbox_requests)"
grep -c "reached their sinks" "$work/app.log" | sed 's/^/log lines "reached their sinks": /'
