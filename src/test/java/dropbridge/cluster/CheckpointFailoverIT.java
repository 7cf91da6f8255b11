package dropbridge.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.drops.S3ProxyServer;
import dropbridge.pipeline.CleanTestData;
import dropbridge.process.CountingPtenginePeer;
import dropbridge.process.PackagedApp;
import dropbridge.process.Ports;
import java.io.IOException;
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

/**
 * Two packaged processes with work dirs of their own, as two pods with an emptyDir each, leading
 * an S3 drop through the file cluster service: the leader is killed (SIGKILL) in the middle of a
 * 200,000-row file, and the other, which has none of its run's folder, resumes from the
 * checkpoint the dead leader kept in the bucket. Every record gets exactly one outcome line, and
 * the peer sees again at most the batches in flight and one checkpoint interval's worth. A leader
 * stopped with SIGTERM past its drain checkpoints the file as it hands it over: nothing is sent twice.
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
    private static final String RESULTS = "results/";
    /** A test whose replicas may drain for 1 s only, instead of 20. */
    private static final String SHORT_DRAIN = "short-drain";
    private static final String CHECKPOINT = "dropbridge-checkpoints/inbox/users.csv/";

    private final S3ProxyServer s3Server = new S3ProxyServer();
    private final List<PackagedApp> replicas = new ArrayList<>();
    private CountingPtenginePeer peer;
    private S3Client s3;

    @BeforeEach
    void start(TestInfo test) throws IOException {
        CleanTestData.delete(ROOT);
        Files.createDirectories(ROOT);
        Map<String, String> s3Settings = s3Server.start();
        s3 = S3ProxyServer.client();
        peer = new CountingPtenginePeer(API_KEY, 20);
        Path drops = ROOT.resolve("s3-drop.yaml");
        Files.writeString(drops, """
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
                """);
        for (String name : List.of("pod-1", "pod-2")) {
            Map<String, String> env = new HashMap<>();
            env.put("DROPBRIDGE_DATA_DIR", ROOT.resolve(name).toString());
            env.put("DROPBRIDGE_ROUTES", "file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,file:" + drops);
            env.put("DROPBRIDGE_CLUSTER_SERVICE", "file");
            env.put("DROPBRIDGE_CLUSTER_MEMBER", name);
            env.put("DROPBRIDGE_CLUSTER_FILE_ROOT", ROOT.resolve("cluster").toString());
            env.put("DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_DELAY_MS", "200");
            env.put("DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL_MS", "500");
            env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "200");
            env.put("DROPBRIDGE_CHECKPOINT_INTERVAL_S", Integer.toString(INTERVAL_S));
            env.put("DROPBRIDGE_SHUTDOWN_DRAIN_S", test.getTags().contains(SHORT_DRAIN) ? "1" : "20");
            env.put("DROPBRIDGE_S3_OVERRIDE_ENDPOINT", "true");
            env.put("DROPBRIDGE_S3_ENDPOINT", s3Settings.get("camel.component.aws2-s3.uri-endpoint-override"));
            env.put("DROPBRIDGE_S3_PATH_STYLE", "true");
            env.put("AWS_ACCESS_KEY_ID", s3Settings.get("camel.component.aws2-s3.access-key"));
            env.put("AWS_SECRET_ACCESS_KEY", s3Settings.get("camel.component.aws2-s3.secret-key"));
            env.put("AWS_REGION", "us-east-1");
            env.putAll(peer.ptengineSettings(BATCH_SIZE, IN_FLIGHT));
            replicas.add(PackagedApp.start(name, Ports.free(), env, List.of("-XX:+UseSerialGC", "-Xmx96m")));
        }
        replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(60)));
    }

    @AfterEach
    void stop() {
        replicas.forEach(PackagedApp::stop);
        peer.close();
        s3Server.stop();
    }

    @Test
    void aLeaderKilledMidFileIsResumedFromTheCheckpointInTheBucket() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        long started = dropUsers();
        await().atMost(Duration.ofSeconds(90)).until(() -> peer.rows() >= ROWS / 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> keys(CHECKPOINT).contains(CHECKPOINT + "manifest.json"));
        leader.kill();
        long atKill = peer.rows();
        double rowsPerSecond = atKill / ((System.nanoTime() - started) / 1e9);

        assertDeliveredOnceByTheStandby(standby);
        long sentTwice = peer.receivedMoreThanOnce();
        long bound = (long) IN_FLIGHT * BATCH_SIZE + (long) (rowsPerSecond * INTERVAL_S);
        System.out.printf("checkpoint failover: %d rows sent before the kill at %.0f rows/s, %d sent twice (bound %d)%n",
                atKill, rowsPerSecond, sentTwice, bound);
        assertTrue(sentTwice <= bound, sentTwice + " rows sent twice, more than the batches in flight and one interval: " + bound);
    }

    @Test
    @Tag(SHORT_DRAIN)
    void aLeaderStoppedPastItsDrainHandsTheFileOverThroughTheCheckpoint() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        dropUsers();
        await().atMost(Duration.ofSeconds(90)).until(() -> peer.rows() >= ROWS / 3);
        leader.stop();
        assertTrue(leader.logText().contains("handed over with"), leader.logTail(20));

        JsonNode report = assertDeliveredOnceByTheStandby(standby);
        assertEquals(0, report.at("/resumed/recordsSentAgain").asInt(), "every batch sent had its outcome in the last checkpoint: " + report);
        assertEquals(0, peer.receivedMoreThanOnce(), "no user sent twice");
    }

    /** Drops a file of {@value #ROWS} users; returns when. */
    private long dropUsers() {
        StringBuilder csv = new StringBuilder(ROWS * 24).append("user_id,plan\n");
        for (int row = 1; row <= ROWS; row++) {
            csv.append("user-").append(row).append(",gold\n");
        }
        s3.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("inbox/users.csv"), RequestBody.fromString(csv.toString()));
        return System.nanoTime();
    }

    /** The file's report says the standby resumed it and delivered every user; each has one outcome line; the checkpoint is gone. */
    private JsonNode assertDeliveredOnceByTheStandby(PackagedApp standby) throws IOException {
        JsonNode report = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> finalReport(RESULTS + "reports/users.csv.json"), r -> r != null);
        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(ROWS, report.at("/records/succeeded").asInt(), report.toString());
        assertEquals(1, report.at("/resumed/times").asInt(), report.toString());
        assertTrue(standby.logText().contains("rebuilt from the checkpoint"), standby.logTail(30));
        Set<Long> lines = new HashSet<>();
        String success = s3.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key(RESULTS + "success/users.csv.jsonl")).asUtf8String();
        for (String line : success.lines().toList()) {
            assertTrue(lines.add(JSON.readTree(line).path("line").asLong()), "one outcome line per record: " + line);
        }
        assertEquals(ROWS, lines.size());
        assertEquals(ROWS, peer.received().size(), "every user reached the peer");
        await().atMost(Duration.ofSeconds(10)).until(() -> keys("dropbridge-checkpoints/").isEmpty());
        assertTrue(keys("inbox/").isEmpty());
        return report;
    }

    private PackagedApp other(PackagedApp replica) {
        return replicas.get(0) == replica ? replicas.get(1) : replicas.get(0);
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

    private JsonNode finalReport(String key) throws IOException {
        try {
            JsonNode report = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key(key)).asUtf8String());
            return "IN_PROGRESS".equals(report.path("status").asText()) ? null : report;
        } catch (NoSuchKeyException missing) {
            return null;
        }
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix(prefix)).contents().stream().map(o -> o.key()).toList();
    }
}
