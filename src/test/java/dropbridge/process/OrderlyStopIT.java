package dropbridge.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.pipeline.CleanTestData;
import dropbridge.pipeline.Drops;
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
 * The packaged application stopped with SIGTERM in the middle of a file that outlasts its drain
 * time, delivering to the API its own HTTP server serves (the built-in sandbox, as the README's run
 * command does): the drain runs before that server closes, so no request fails; the file is handed
 * over, and the next start delivers the rest with nothing sent twice.
 */
class OrderlyStopIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 500 requests of 10, 2 at a time, the sandbox answering in 20 ms: at least 5 s, more than the 2 s drain. */
    private static final int ROWS = 5_000;

    @Test
    void aFileOutlastingTheDrainIsHandedOverWithoutAFailedRequestAndFinishedAtTheNextStart() throws IOException {
        Path data = Path.of("target", "it", "orderly-stop");
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
        int port = Ports.free();
        Map<String, String> env = new HashMap<>(PackagedApp.sandboxApis(port));
        env.put("DROPBRIDGE_DATA_DIR", data.toString());
        env.put("DROPBRIDGE_ROUTES", "file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,file:" + routes);
        env.put("DROPBRIDGE_SANDBOX_PTENGINE_LATENCY_MS", "20");
        env.put("DROPBRIDGE_SANDBOX_PTENGINE_STORE_LIMIT", "10");
        env.put("PTENGINE_BATCH_SIZE", "10");
        env.put("PTENGINE_IN_FLIGHT", "2");
        env.put("DROPBRIDGE_SHUTDOWN_DRAIN_S", "2");
        env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
        env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "200");
        List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx96m");

        try (PackagedApp first = PackagedApp.start("orderly-stop-first", port, env, jvm)) {
            first.awaitReady(Duration.ofSeconds(60));
            drop(inbox, "users.csv");
            await().atMost(Duration.ofSeconds(60)).until(() -> recordsRead(first) >= 400);

            long stopping = System.nanoTime();
            first.stop();
            long stopSeconds = (System.nanoTime() - stopping) / 1_000_000_000;

            assertTrue(stopSeconds < 15, "ended " + stopSeconds + " s after SIGTERM, not killed after 30 s: " + first.logTail(20));
            String log = first.logText();
            assertTrue(log.contains("users.csv handed over with"), first.logTail(20));
            assertFalse(log.contains(" after NoHttpResponseException") || log.contains(" after HttpHostConnectException"),
                    "no request failed while draining: the sandbox still answered\n" + first.logTail(30));
            assertTrue(Files.exists(inbox.resolve("users.csv")), "the handed-over file stays in the drop");
        }

        try (PackagedApp second = PackagedApp.start("orderly-stop-second", port, env, jvm)) {
            second.awaitReady(Duration.ofSeconds(60));
            JsonNode report = Drops.awaitFinalReport(data.resolve("outbox/ptengine-profiles/reports/users.csv.json"));

            assertEquals("COMPLETED", report.get("status").asText(), report.toString());
            assertEquals(ROWS, report.at("/records/succeeded").asInt(), report.toString());
            assertEquals(1, report.at("/resumed/times").asInt(), report.toString());
            assertEquals(0, report.at("/resumed/recordsSentAgain").asInt(), "every batch sent had its outcome: " + report);
            assertOneSuccessLinePerRow(data.resolve("outbox/ptengine-profiles/success/users.csv.jsonl"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/users.csv")));
        }
    }

    private static long recordsRead(PackagedApp app) {
        return app.get("/q/metrics").orElseThrow().body().lines()
                .filter(line -> line.startsWith("dropbridge_files_in_progress_records_read{") && line.contains("ptengine-profiles"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void drop(Path inbox, String name) throws IOException {
        Path part = inbox.resolve(name + ".part");
        try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            out.write("user_id,plan\n");
            for (int row = 1; row <= ROWS; row++) {
                out.write("user-" + row + ",gold\n");
            }
        }
        Files.move(part, inbox.resolve(name));
    }

    private static void assertOneSuccessLinePerRow(Path success) throws IOException {
        Set<Long> lines = new HashSet<>();
        for (String line : Files.readAllLines(success, StandardCharsets.UTF_8)) {
            assertTrue(lines.add(JSON.readTree(line).get("line").asLong()), "one success line per row: " + line);
        }
        assertEquals(ROWS, lines.size());
    }
}
