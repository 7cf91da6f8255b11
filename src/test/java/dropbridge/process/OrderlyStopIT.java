package dropbridge.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.pipeline.Drops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application stopped with SIGTERM in the middle of a file that outlasts its drain
 * time, delivering to the API its own HTTP server serves (the built-in sandbox, as the README's run
 * command does): the drain runs before that server closes, so no request fails; the file is handed
 * over, and the next start delivers the rest with nothing sent twice.
 */
class OrderlyStopIT {

    /** 500 requests of 10, 2 at a time, the sandbox answering in 20 ms: at least 5 s, more than the 2 s drain. */
    private static final int ROWS = 5_000;

    @Test
    void aFileOutlastingTheDrainIsHandedOverWithoutAFailedRequestAndFinishedAtTheNextStart() throws IOException {
        PtengineDropFolder folder = PtengineDropFolder.create(Path.of("target", "it", "orderly-stop"));
        int port = Ports.free();
        Map<String, String> env = new HashMap<>(PackagedApp.sandboxApis(port));
        env.putAll(folder.settings());
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
            folder.drop("users.csv", ROWS);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> first.metric("dropbridge_files_in_progress_records_read", "ptengine-profiles") >= 400);

            long stopping = System.nanoTime();
            first.stop();
            long stopSeconds = (System.nanoTime() - stopping) / 1_000_000_000;

            assertTrue(stopSeconds < 15, "ended " + stopSeconds + " s after SIGTERM, not killed after 30 s: " + first.logTail(20));
            String log = first.logText();
            assertTrue(log.contains("users.csv handed over with"), first.logTail(20));
            assertFalse(log.contains(" after NoHttpResponseException") || log.contains(" after HttpHostConnectException"),
                    "no request failed while draining: the sandbox still answered\n" + first.logTail(30));
            assertTrue(Files.exists(folder.inbox().resolve("users.csv")), "the handed-over file stays in the drop");
        }

        try (PackagedApp second = PackagedApp.start("orderly-stop-second", port, env, jvm)) {
            second.awaitReady(Duration.ofSeconds(60));
            JsonNode report = Drops.awaitFinalReport(folder.report("users.csv"));

            assertEquals("COMPLETED", report.get("status").asText(), report.toString());
            assertEquals(ROWS, report.at("/records/succeeded").asInt(), report.toString());
            assertEquals(1, report.at("/resumed/times").asInt(), report.toString());
            assertEquals(0, report.at("/resumed/recordsSentAgain").asInt(), "every batch sent had its outcome: " + report);
            folder.assertOneSuccessLinePerRow("users.csv", ROWS);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.inbox().resolve(".done/users.csv")));
        }
    }
}
