package dropbridge.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.pipeline.CleanTestData;
import dropbridge.pipeline.Drops;
import dropbridge.process.DropChecks;
import dropbridge.process.PackagedApp;
import dropbridge.process.Ports;
import dropbridge.process.CountingPtenginePeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Two packaged-application processes on one host with the file cluster service, one drop folder
 * and one outbox, delivering to a real HTTP peer: one leads each pipeline and delivers every file
 * once; when the leader is killed (SIGKILL) in the middle of a file, the other takes over within
 * the lock's retry interval and, sharing the work dir as processes on one host do by default,
 * resumes that file where its outcomes end: only the batches in flight at the kill are sent again,
 * and the report says how many records that was. A leader stopped with SIGTERM delivers its file to
 * the end within the drain time, or hands it over after it, with nothing sent twice.
 */
class FailoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIPELINE = "ptengine-profiles";
    private static final String DROP = "ptengine-profiles-local-drop";
    private static final Set<String> PIPELINES = Set.of("engagelab-profile-query", PIPELINE, "rabbitpre-events");
    private static final Path ROOT = Path.of("target", "it", "failover");
    /** How often a standby tries to take a namespace's lock file. */
    private static final long LOCK_INTERVAL_MS = 500;
    private static final String API_KEY = "it-key";
    private static final int BATCH_SIZE = 10;
    private static final int IN_FLIGHT = 2;
    /** A test whose replicas may drain for 2 s only, instead of 20. */
    private static final String SHORT_DRAIN = "short-drain";

    private final List<PackagedApp> replicas = new ArrayList<>();
    private CountingPtenginePeer peer;

    @BeforeEach
    void startTwoReplicas(TestInfo test) throws IOException {
        CleanTestData.delete(ROOT);
        // 20 ms an answer: a 3,000-user file (300 requests, 2 at a time) lasts a few seconds
        peer = new CountingPtenginePeer(API_KEY, 20);
        long drainSeconds = test.getTags().contains(SHORT_DRAIN) ? 2 : 20;
        for (String name : List.of("replica-1", "replica-2")) {
            replicas.add(PackagedApp.start(name, Ports.free(), settings(name, drainSeconds),
                    List.of("-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1")));
        }
        replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(60)));
        await("every pipeline has one leader").atMost(Duration.ofSeconds(20))
                .until(() -> leads(replicas.get(0)).size() + leads(replicas.get(1)).size() == PIPELINES.size());
    }

    @AfterEach
    void stop() {
        replicas.forEach(PackagedApp::stop);
        peer.close();
    }

    @Test
    void everyFileIsDeliveredOnceByThePipelinesOneLeader() throws Exception {
        Set<String> first = leads(replicas.get(0));
        Set<String> second = leads(replicas.get(1));
        assertTrue(first.stream().noneMatch(second::contains), "one leader per namespace: " + first + " " + second);
        assertEquals(PIPELINES, union(first, second));
        PackagedApp leader = first.contains(PIPELINE) ? replicas.get(0) : replicas.get(1);
        PackagedApp standby = other(leader);
        // ready once the drops it leads for other pipelines have polled; its ptengine drop stands by, UP
        await("the standby is ready").atMost(Duration.ofSeconds(10))
                .until(() -> standby.get("/q/health/ready").orElseThrow().statusCode() == 200);
        JsonNode standbyDrop = check(standby, "ptengine-profiles-local-drop");
        assertEquals("UP", standbyDrop.path("status").asText(), standbyDrop.toString());
        assertEquals(false, standbyDrop.at("/data/leader").asBoolean(true), standbyDrop.toString());

        for (int file = 1; file <= 20; file++) {
            drop("batch-" + file + ".csv", users("f" + file, 50));
        }
        for (int file = 1; file <= 20; file++) {
            JsonNode report = Drops.awaitFinalReport(report("batch-" + file + ".csv"));
            assertEquals("COMPLETED", report.path("status").asText(), report.toString());
            assertEquals(50, report.at("/records/read").asInt(), report.toString());
            assertEquals(50, report.at("/records/succeeded").asInt(), report.toString());
        }

        assertEquals(1000, peer.received().size());
        assertEquals(0, peer.receivedMoreThanOnce(), "every user arrived exactly once");
        assertEquals(100, apiCalls(leader), "the leader sent all 100 requests");
        assertEquals(0, apiCalls(standby), "the standby sent none");
        assertTrue(metrics(leader).contains("dropbridge_leader{cluster_namespace=\"" + PIPELINE + "\"} 1.0"));
        assertTrue(metrics(standby).contains("dropbridge_leader{cluster_namespace=\"" + PIPELINE + "\"} 0.0"));
        try (var done = Files.list(inbox().resolve(".done"))) {
            assertEquals(20, done.count());
        }
    }

    @Test
    void aFileInterruptedByTheLeadersDeathIsDeliveredByTheNewLeader() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        drop("long.csv", users("long", 3000));
        await("the leader is in the middle of the file").atMost(Duration.ofSeconds(30)).until(() -> peer.rows() >= 400);

        long killed = System.nanoTime();
        leader.kill();

        await("the standby leads").atMost(Duration.ofSeconds(20)).until(() -> leads(standby).contains(PIPELINE));
        long leads = System.nanoTime();
        await("the new leader sends").atMost(Duration.ofSeconds(20))
                .until(() -> peer.arrivals().stream().anyMatch(time -> time > killed));
        long firstRequest = peer.arrivals().stream().filter(time -> time > killed).min(Long::compare).orElseThrow();
        System.out.printf("failover: the standby leads %d ms and sends its first request %d ms after the leader was killed%n",
                (leads - killed) / 1_000_000, (firstRequest - killed) / 1_000_000);
        assertTrue(firstRequest - killed < Duration.ofMillis(LOCK_INTERVAL_MS + 5_000).toNanos(),
                "taken over within the lock interval, the master consumer's start and a poll");

        JsonNode report = Drops.awaitFinalReport(report("long.csv"));
        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(3000, report.at("/records/read").asInt(), report.toString());
        assertEquals(3000, report.at("/records/succeeded").asInt(), report.toString());
        Set<String> delivered = successIds("long.csv");
        assertEquals(users("long", 3000).lines().skip(1).collect(Collectors.toCollection(TreeSet::new)), delivered,
                "every record has its success line, once");
        assertEquals(3000, peer.received().size());
        long sentTwice = peer.receivedMoreThanOnce();
        assertTrue(sentTwice <= IN_FLIGHT * BATCH_SIZE, sentTwice + " users sent twice: at most the batches in flight at the kill");
        assertEquals(1, report.at("/resumed/times").asInt(), report.toString());
        assertTrue(report.at("/resumed/recordsSentAgain").asLong() >= sentTwice, "the report counts what may have been sent twice: " + report);
        assertTrue(Files.exists(inbox().resolve(".done").resolve("long.csv")));
        assertTrue(standby.logText().contains("Leadership taken"), standby.logTail(20));
    }

    @Test
    void aReadyStandbyStaysUpWhileItTakesOver() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        await("the standby is ready").atMost(Duration.ofSeconds(10))
                .until(() -> "UP".equals(DropChecks.now(standby, DROP).path("status").asText()));

        leader.kill();
        drop("takeover.csv", users("takeover", 50));
        Path report = report("takeover.csv");
        List<String> states = DropChecks.sample(standby, DROP, () -> Files.exists(report) && Drops.isFinal(Drops.read(report)),
                Duration.ofMillis(500), Duration.ofSeconds(40));

        assertTrue(Drops.isFinal(Drops.read(report)), "the new leader delivered the file: " + states);
        assertTrue(leads(standby).contains(PIPELINE));
        assertTrue(states.stream().allMatch("UP"::equals), "UP while it took over, its consumer started and polled: " + states);
    }

    @Test
    void aLeaderStoppedInAnOrderlyWayDeliversItsFileToTheEndBeforeHandingOver() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        drop("rolling.csv", users("rolling", 3000));
        await("the leader is in the middle of the file").atMost(Duration.ofSeconds(30)).until(() -> peer.rows() >= 400);

        leader.stop();

        JsonNode report = Drops.awaitFinalReport(report("rolling.csv"));
        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(3000, report.at("/records/succeeded").asInt(), report.toString());
        assertTrue(report.path("resumed").isMissingNode(), "delivered to its end by the leader: " + report);
        assertEquals(3000, peer.received().size());
        assertEquals(0, peer.receivedMoreThanOnce(), "no user sent twice");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve(".done").resolve("rolling.csv")));
        assertTrue(leader.logText().contains("every file in progress was delivered"), leader.logTail(20));
        await("the standby leads").atMost(Duration.ofSeconds(20)).until(() -> leads(standby).contains(PIPELINE));
    }

    @Test
    @Tag(SHORT_DRAIN)
    void aFileThatOutlastsTheDrainIsHandedOverAndTheNewLeaderSendsNothingTwice() throws Exception {
        PackagedApp leader = leader();
        PackagedApp standby = other(leader);
        // 500 requests, 2 at a time, 20 ms each: at least 5 s, more than the 2 s drain
        drop("big.csv", users("big", 5000));
        await("the leader is in the middle of the file").atMost(Duration.ofSeconds(30)).until(() -> peer.rows() >= 400);

        long stopping = System.nanoTime();
        leader.stop();
        long stopSeconds = (System.nanoTime() - stopping) / 1_000_000_000;
        assertTrue(stopSeconds < 15, "the leader ended " + stopSeconds + " s after SIGTERM, not killed after 30 s: " + leader.logTail(20));
        assertTrue(leader.logText().contains("handed over with"), leader.logTail(20));

        JsonNode report = Drops.awaitFinalReport(report("big.csv"));
        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(5000, report.at("/records/succeeded").asInt(), report.toString());
        assertEquals(1, report.at("/resumed/times").asInt(), "resumed by the new leader: " + report);
        assertEquals(0, report.at("/resumed/recordsSentAgain").asInt(), "every batch sent had its outcome before the hand-over: " + report);
        assertEquals(5000, peer.received().size());
        assertEquals(0, peer.receivedMoreThanOnce(), "no user sent twice");
        assertEquals(5000, successIds("big.csv").size());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve(".done").resolve("big.csv")));
        assertFalse(Files.exists(inbox().resolve(".failed").resolve("big.csv")), "the stopping leader did not move the file aside");
        assertTrue(standby.logText().contains("Leadership taken"), standby.logTail(20));
    }

    private Map<String, String> settings(String name, long drainSeconds) {
        Map<String, String> env = new HashMap<>();
        env.put("DROPBRIDGE_SHUTDOWN_DRAIN_S", Long.toString(drainSeconds));
        env.put("DROPBRIDGE_DATA_DIR", ROOT.resolve("data").toString());
        env.put("DROPBRIDGE_CLUSTER_SERVICE", "file");
        env.put("DROPBRIDGE_CLUSTER_MEMBER", name);
        env.put("DROPBRIDGE_CLUSTER_FILE_ROOT", ROOT.resolve("cluster").toString());
        env.put("DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_DELAY_MS", "200");
        env.put("DROPBRIDGE_CLUSTER_FILE_ACQUIRE_LOCK_INTERVAL_MS", Long.toString(LOCK_INTERVAL_MS));
        env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
        env.put("DROPBRIDGE_DROP_READ_LOCK_CHECK_MS", "50");
        env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "100");
        env.put("DROPBRIDGE_PROGRESS_INTERVAL_S", "1");
        env.putAll(peer.ptengineSettings(BATCH_SIZE, IN_FLIGHT));
        // the other pipelines' local drops stay empty; they only need credentials to start
        env.put("ENGAGELAB_API_KEY", "unused");
        env.put("ENGAGELAB_API_SECRET", "unused");
        env.put("RABBITPRE_TOKEN", "unused");
        return env;
    }

    /** The replica leading the pipeline's namespace. */
    private PackagedApp leader() throws IOException {
        return leads(replicas.get(0)).contains(PIPELINE) ? replicas.get(0) : replicas.get(1);
    }

    private PackagedApp other(PackagedApp replica) {
        return replica == replicas.get(0) ? replicas.get(1) : replicas.get(0);
    }

    private static Set<String> leads(PackagedApp replica) throws IOException {
        String leads = check(replica, "cluster").at("/data/leads").asText();
        return leads.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(leads.split(",")));
    }

    /** The replica's readiness check of that name. */
    private static JsonNode check(PackagedApp replica, String name) throws IOException {
        String health = replica.get("/q/health/ready").orElseThrow().body();
        for (JsonNode check : JSON.readTree(health).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private static String metrics(PackagedApp replica) {
        return replica.get("/q/metrics").orElseThrow().body();
    }

    private static int apiCalls(PackagedApp replica) {
        return (int) replica.metric("dropbridge_api_calls_total", PIPELINE);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static String users(String prefix, int count) {
        return "user_id,plan\n" + IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i + ",gold\n").collect(Collectors.joining());
    }

    private Set<String> successIds(String file) throws IOException {
        Path success = ROOT.resolve("data/outbox").resolve(PIPELINE).resolve("success").resolve(file + ".jsonl");
        List<String> lines = Files.readAllLines(success);
        Set<String> ids = new TreeSet<>();
        for (String line : lines) {
            ids.add(JSON.readTree(line).path("user_id").asText());
        }
        assertEquals(lines.size(), ids.size(), "no record has two success lines");
        return ids.stream().map(id -> id + ",gold").collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path inbox() {
        return ROOT.resolve("data/inbox").resolve(PIPELINE);
    }

    private static Path report(String file) {
        return ROOT.resolve("data/outbox").resolve(PIPELINE).resolve("reports").resolve(file + ".json");
    }

    /** Written beside the drop folder, then moved in whole. */
    private static void drop(String name, String content) throws IOException {
        Files.createDirectories(inbox());
        Path staging = ROOT.resolve(name + ".tmp");
        Files.writeString(staging, content);
        Files.move(staging, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
