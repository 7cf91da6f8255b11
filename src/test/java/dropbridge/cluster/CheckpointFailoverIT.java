package dropbridge.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.drops.S3ProxyServer;
import dropbridge.drops.SftpServers;
import dropbridge.pipeline.CleanTestData;
import dropbridge.process.CountingPtenginePeer;
import dropbridge.process.PackagedApp;
import dropbridge.process.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two packaged processes with work dirs of their own, as two pods with an emptyDir each, leading
 * a drop through the file cluster service: the leader is killed (SIGKILL) in the middle of a
 * 200,000-row file, and the other, which has none of its run's folder, resumes from the
 * checkpoint the dead leader kept beside the drop, in the S3 bucket or on the SFTP server. Every
 * record gets exactly one outcome line, and the peer sees again at most the batches in flight and
 * one checkpoint interval's worth. A leader stopped with SIGTERM past its drain checkpoints the
 * file as it hands it over: nothing is sent twice.
 */
class CheckpointFailoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIPELINE = "ptengine-profiles";
    private static final Path ROOT = Path.of("target", "it", "checkpoint-failover");
    private static final String API_KEY = "it-key";
    private static final int ROWS = 200_000;
    private static final int BATCH_SIZE = 100;
    private static final int IN_FLIGHT = 8;
    private static final int INTERVAL_S = 2;
    private static final long RATE_WINDOW_MS = 3000;
    /** A test whose replicas may drain for 1 s only, instead of 20. */
    private static final String SHORT_DRAIN = "short-drain";
    /** A test whose drop is an SFTP folder, not an S3 prefix. */
    private static final String SFTP = "sftp";

    private final List<PackagedApp> replicas = new ArrayList<>();
    private CountingPtenginePeer peer;
    private Drop drop;

    @BeforeEach
    void start(TestInfo test) throws IOException {
        CleanTestData.delete(ROOT);
        Files.createDirectories(ROOT);
        drop = test.getTags().contains(SFTP) ? new SftpDrop() : new S3Drop();
        peer = new CountingPtenginePeer(API_KEY, 20);
        Path drops = ROOT.resolve("drop.yaml");
        Files.writeString(drops, drop.route());
        for (String name : List.of("pod-1", "pod-2")) {
            Map<String, String> env = new HashMap<>(drop.settings());
            env.put("DROPBRIDGE_DATA_DIR", ROOT.resolve(name).toString());
            env.put("DROPBRIDGE_ROUTES", "file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,file:" + drops);
            env.put("DROPBRIDGE_CLUSTER_SERVICE", "file");
            env.put("DROPBRIDGE_CLUSTER_MEMBER", name);
            env.put("DROPBRIDGE_CLUSTER_FILE_ROOT", ROOT.resolve("cluster").toString());
            env.put("DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_DELAY_MS", "200");
            env.put("DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL_MS", "500");
            env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
            env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "200");
            env.put("DROPBRIDGE_CHECKPOINT_INTERVAL_S", Integer.toString(INTERVAL_S));
            env.put("DROPBRIDGE_SHUTDOWN_DRAIN_S", test.getTags().contains(SHORT_DRAIN) ? "1" : "20");
            env.putAll(peer.ptengineSettings(BATCH_SIZE, IN_FLIGHT));
            replicas.add(PackagedApp.start(name, Ports.free(), env, List.of("-XX:+UseSerialGC", "-Xmx96m")));
        }
        replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(60)));
    }

    @AfterEach
    void stop() {
        replicas.forEach(PackagedApp::stop);
        peer.close();
        drop.close();
    }

    @Test
    void aLeaderKilledMidFileIsResumedFromTheCheckpointInTheBucket() throws Exception {
        killTheLeaderMidFile();
    }

    @Test
    @Tag(SFTP)
    void aLeaderKilledMidFileIsResumedFromTheCheckpointOnTheSftpServer() throws Exception {
        killTheLeaderMidFile();
    }

    @Test
    @Tag(SHORT_DRAIN)
    void aLeaderStoppedPastItsDrainHandsTheFileOverThroughTheCheckpoint() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        drop.put(users(ROWS / 2));
        await().atMost(Duration.ofSeconds(90)).until(() -> peer.rows() >= ROWS / 6);
        leader.stop();
        assertTrue(leader.logText().contains("handed over with"), leader.logTail(20));

        JsonNode report = assertDeliveredOnceByTheStandby(standby, ROWS / 2);
        assertEquals(0, report.at("/resumed/recordsSentAgain").asInt(), "every batch sent had its outcome in the last checkpoint: " + report);
        assertEquals(0, peer.receivedMoreThanOnce(), "no user sent twice");
    }

    private void killTheLeaderMidFile() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        drop.put(users(ROWS));
        await().atMost(Duration.ofSeconds(90)).until(() -> peer.rows() >= ROWS / 4);
        await().atMost(Duration.ofSeconds(10)).until(drop::checkpointWritten);
        // the rate just before the kill, which one checkpoint's worth of records is measured by
        long before = peer.rows();
        Thread.sleep(RATE_WINDOW_MS);
        leader.kill();
        long atKill = peer.rows();
        double rowsPerSecond = (atKill - before) * 1000.0 / RATE_WINDOW_MS;

        assertDeliveredOnceByTheStandby(standby, ROWS);
        long sentTwice = peer.receivedMoreThanOnce();
        // a checkpoint is due every interval, looked for every second
        long bound = (long) IN_FLIGHT * BATCH_SIZE + (long) (rowsPerSecond * (INTERVAL_S + 1));
        System.out.printf("checkpoint failover (%s): %d rows sent before the kill, at %.0f rows/s before it, %d sent twice (bound %d)%n",
                drop.getClass().getSimpleName(), atKill, rowsPerSecond, sentTwice, bound);
        assertTrue(sentTwice <= bound, sentTwice + " rows sent twice, more than the batches in flight and one interval: " + bound);
    }

    private static String users(int rows) {
        StringBuilder csv = new StringBuilder(rows * 24).append("user_id,plan\n");
        for (int row = 1; row <= rows; row++) {
            csv.append("user-").append(row).append(",gold\n");
        }
        return csv.toString();
    }

    /** The file's report says the standby resumed it and delivered every user; each has one outcome line; the checkpoint is gone. */
    private JsonNode assertDeliveredOnceByTheStandby(PackagedApp standby, int rows) throws IOException {
        JsonNode report = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> drop.finalReport(), r -> r != null);
        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(rows, report.at("/records/succeeded").asInt(), report.toString());
        assertEquals(1, report.at("/resumed/times").asInt(), report.toString());
        assertTrue(standby.logText().contains("rebuilt from the checkpoint"), standby.logTail(30));
        Set<Long> lines = new HashSet<>();
        for (String line : drop.successLines()) {
            assertTrue(lines.add(JSON.readTree(line).path("line").asLong()), "one outcome line per record: " + line);
        }
        assertEquals(rows, lines.size());
        assertEquals(rows, peer.received().size(), "every user reached the peer");
        await().atMost(Duration.ofSeconds(10)).until(drop::checkpointGone);
        return report;
    }

    private PackagedApp leader() {
        return await().atMost(Duration.ofSeconds(20)).until(this::leaderNow, replica -> replica != null);
    }

    private PackagedApp leaderNow() throws IOException {
        for (PackagedApp replica : replicas) {
            String health = replica.get("/q/health/ready").orElseThrow().body();
            for (JsonNode check : JSON.readTree(health).path("checks")) {
                if ("cluster".equals(check.path("name").asText()) && check.at("/data/leads").asText().contains(PIPELINE)) {
                    return replica;
                }
            }
        }
        return null;
    }

    private PackagedApp other(PackagedApp replica) {
        return replicas.get(0) == replica ? replicas.get(1) : replicas.get(0);
    }

    private static JsonNode finalOrNull(String report) throws IOException {
        JsonNode json = JSON.readTree(report);
        return "IN_PROGRESS".equals(json.path("status").asText()) ? null : json;
    }

    /** The drop both processes lead in turn, and the server that holds it. */
    private interface Drop extends AutoCloseable {

        String route();

        Map<String, String> settings();

        void put(String csv) throws IOException;

        JsonNode finalReport() throws IOException;

        List<String> successLines() throws IOException;

        boolean checkpointWritten() throws IOException;

        /** The checkpoint is removed and the file settled. */
        boolean checkpointGone() throws IOException;

        @Override
        void close();
    }

    /** An S3 prefix of a bucket on S3Proxy, its outcomes to the same bucket. */
    private static final class S3Drop implements Drop {

        private static final String CHECKPOINT = "dropbridge-checkpoints/inbox/users.csv/";
        private final S3ProxyServer server = new S3ProxyServer();
        private final Map<String, String> s3 = server.start();
        private final S3Client client = S3ProxyServer.client();

        @Override
        public String route() {
            return """
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
                    """;
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("DROPBRIDGE_S3_OVERRIDE_ENDPOINT", "true",
                    "DROPBRIDGE_S3_ENDPOINT", s3.get("camel.component.aws2-s3.uri-endpoint-override"),
                    "DROPBRIDGE_S3_PATH_STYLE", "true",
                    "AWS_ACCESS_KEY_ID", s3.get("camel.component.aws2-s3.access-key"),
                    "AWS_SECRET_ACCESS_KEY", s3.get("camel.component.aws2-s3.secret-key"),
                    "AWS_REGION", "us-east-1");
        }

        @Override
        public void put(String csv) {
            client.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("inbox/users.csv"), RequestBody.fromString(csv));
        }

        @Override
        public JsonNode finalReport() throws IOException {
            try {
                return finalOrNull(client.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key("results/reports/users.csv.json")).asUtf8String());
            } catch (NoSuchKeyException missing) {
                return null;
            }
        }

        @Override
        public List<String> successLines() {
            return client.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key("results/success/users.csv.jsonl")).asUtf8String().lines().toList();
        }

        @Override
        public boolean checkpointWritten() {
            return keys(CHECKPOINT).contains(CHECKPOINT + "manifest.json");
        }

        @Override
        public boolean checkpointGone() {
            return keys("dropbridge-checkpoints/").isEmpty() && keys("inbox/").isEmpty();
        }

        private List<String> keys(String prefix) {
            return client.listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** A folder on an SFTP server (MINA SSHD, its files on this disk), its outcomes to a local folder. */
    private static final class SftpDrop implements Drop {

        private final SftpServers server = new SftpServers();
        private final Map<String, String> sftp = server.start();
        private final Path folder = SftpServers.ROOT.resolve("checkpointed");
        private final Path outbox = ROOT.resolve("outbox").toAbsolutePath();

        @Override
        public String route() {
            return """
                    - templatedRoute:
                        routeTemplateRef: sftp-drop
                        routeId: ptengine-profiles-sftp-drop
                        parameters:
                          - { name: pipeline, value: ptengine-profiles }
                          - { name: server, value: "%s@127.0.0.1:%s" }
                          - { name: folder, value: checkpointed }
                          - { name: sink, value: "file:%s?tempPrefix=.writing-" }
                    """.formatted(SftpServers.PASSWORD_USER, sftp.get("test.sftp.port"), outbox);
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("DROPBRIDGE_SFTP_PASSWORD", sftp.get("dropbridge.sftp.password"),
                    "DROPBRIDGE_SFTP_KNOWN_HOSTS_FILE", sftp.get("dropbridge.sftp.known-hosts-file"));
        }

        @Override
        public void put(String csv) throws IOException {
            Files.createDirectories(folder);
            Path part = folder.resolve("users.csv.part");
            Files.writeString(part, csv, StandardCharsets.UTF_8);
            Files.move(part, folder.resolve("users.csv"));
        }

        @Override
        public JsonNode finalReport() throws IOException {
            Path report = outbox.resolve("reports/users.csv.json");
            return Files.exists(report) ? finalOrNull(Files.readString(report)) : null;
        }

        @Override
        public List<String> successLines() throws IOException {
            return Files.readAllLines(outbox.resolve("success/users.csv.jsonl"));
        }

        @Override
        public boolean checkpointWritten() {
            return Files.exists(folder.resolve(".dropbridge-checkpoints/users.csv/manifest.json"));
        }

        @Override
        public boolean checkpointGone() {
            return !Files.exists(folder.resolve(".dropbridge-checkpoints/users.csv")) && Files.exists(folder.resolve(".done/users.csv"))
                    && !Files.exists(folder.resolve("users.csv"));
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
