package dropbridge.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.pipeline.CleanTestData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The packaged application killed with SIGKILL in the middle of a file and started again on the
 * same folders: the file is resumed where its outcomes end, and what the peer received twice is
 * at most the batches that were in flight, as the report says.
 */
class CrashResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 20_000;
    private static final int IN_FLIGHT = 4;
    private static final int BATCH_SIZE = 100;
    private static final String KEY = "resume-test-key";

    @Test
    void aFileInterruptedByKillMinus9IsResumedWithoutSendingItsDeliveredRecordsAgain() throws IOException {
        Path data = Path.of("target", "it", "crash-resume");
        CleanTestData.delete(data);
        Path inbox = data.resolve("inbox/ptengine-profiles");
        Files.createDirectories(inbox);
        Path routes = data.resolve("ptengine-drop.yaml");
        Files.writeString(routes, """
                - templatedRoute:
                    routeTemplateRef: local-drop
                    routeId: ptengine-profiles-local-drop
                    parameters:
                      - { name: pipeline, value: ptengine-profiles }
                      - { name: folder, value: "{{dropbridge.data-dir}}/inbox/ptengine-profiles" }
                """);
        try (CountingPtenginePeer peer = new CountingPtenginePeer(KEY, 20)) {
            int port = Ports.free();
            Map<String, String> env = new HashMap<>();
            env.put("DROPBRIDGE_DATA_DIR", data.toString());
            env.put("DROPBRIDGE_ROUTES", "file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,file:" + routes);
            env.put("DROPBRIDGE_SANDBOX_ENABLED", "false");
            env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
            env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "200");
            env.putAll(peer.ptengineSettings(BATCH_SIZE, IN_FLIGHT));
            List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx96m");

            long receivedAtKill;
            try (PackagedApp first = PackagedApp.start("crash-resume-first", port, env, jvm)) {
                first.awaitReady(Duration.ofSeconds(60));
                drop(inbox, "users.csv");
                await().atMost(Duration.ofSeconds(60)).until(() -> peer.rows() >= ROWS / 3);
                first.kill();
                receivedAtKill = peer.rows();
            }
            assertTrue(receivedAtKill < ROWS, "killed in the middle of the file: " + receivedAtKill + " rows sent");

            try (PackagedApp second = PackagedApp.start("crash-resume-second", port, env, jvm)) {
                second.awaitReady(Duration.ofSeconds(60));
                Path reportFile = data.resolve("outbox/ptengine-profiles/reports/users.csv.json");
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> !"IN_PROGRESS".equals(JSON.readTree(reportFile.toFile()).path("status").asText("IN_PROGRESS")));
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/users.csv")));
                JsonNode report = JSON.readTree(reportFile.toFile());

                assertEquals(ROWS, peer.received().size(), "every user reached the peer");
                long sentTwice = peer.receivedMoreThanOnce();
                assertTrue(sentTwice <= IN_FLIGHT * BATCH_SIZE, sentTwice + " rows sent twice: at most the batches in flight");
                assertEquals("COMPLETED", report.get("status").asText(), report.toString());
                assertEquals(ROWS, report.at("/records/read").asInt());
                assertEquals(ROWS, report.at("/records/succeeded").asInt());
                assertEquals(1, report.at("/resumed/times").asInt(), report.toString());
                long reportedAgain = report.at("/resumed/recordsSentAgain").asLong();
                assertTrue(reportedAgain >= sentTwice && reportedAgain <= IN_FLIGHT * BATCH_SIZE,
                        "the report counts what may have been sent twice: " + reportedAgain + ", the peer saw " + sentTwice);
                assertOneWellFormedLinePerRow(data.resolve("outbox/ptengine-profiles/success/users.csv.jsonl"));
                assertTrue(second.logText().contains("resuming users.csv"), second.logTail(30));
            }
        }
    }

    private static void drop(Path inbox, String name) throws IOException {
        Path part = inbox.resolve(name + ".part");
        try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            out.write("user_id,plan,city\n");
            for (int row = 1; row <= ROWS; row++) {
                out.write("user-" + row + ",gold,Paris\n");
            }
        }
        Files.move(part, inbox.resolve(name));
    }

    private static void assertOneWellFormedLinePerRow(Path success) throws IOException {
        Set<Long> lines = new HashSet<>();
        for (String line : Files.readAllLines(success, StandardCharsets.UTF_8)) {
            assertTrue(lines.add(JSON.readTree(line).get("line").asLong()), "one success line per row: " + line);
        }
        assertEquals(ROWS, lines.size());
    }
}
