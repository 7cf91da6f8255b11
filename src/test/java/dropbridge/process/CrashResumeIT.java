package dropbridge.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        PtengineDropFolder folder = PtengineDropFolder.create(Path.of("target", "it", "crash-resume"));
        try (CountingPtenginePeer peer = new CountingPtenginePeer(KEY, 20)) {
            int port = Ports.free();
            Map<String, String> env = new HashMap<>(folder.settings());
            env.put("DROPBRIDGE_SANDBOX_ENABLED", "false");
            env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
            env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "200");
            env.putAll(peer.ptengineSettings(BATCH_SIZE, IN_FLIGHT));
            List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx96m");

            long receivedAtKill;
            try (PackagedApp first = PackagedApp.start("crash-resume-first", port, env, jvm)) {
                first.awaitReady(Duration.ofSeconds(60));
                folder.drop("users.csv", ROWS);
                await().atMost(Duration.ofSeconds(60)).until(() -> peer.rows() >= ROWS / 3);
                first.kill();
                receivedAtKill = peer.rows();
            }
            assertTrue(receivedAtKill < ROWS, "killed in the middle of the file: " + receivedAtKill + " rows sent");

            try (PackagedApp second = PackagedApp.start("crash-resume-second", port, env, jvm)) {
                second.awaitReady(Duration.ofSeconds(60));
                Path reportFile = folder.report("users.csv");
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> !"IN_PROGRESS".equals(JSON.readTree(reportFile.toFile()).path("status").asText("IN_PROGRESS")));
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.inbox().resolve(".done/users.csv")));
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
                folder.assertOneSuccessLinePerRow("users.csv", ROWS);
                assertTrue(second.logText().contains("resuming users.csv"), second.logTail(30));
            }
        }
    }
}
