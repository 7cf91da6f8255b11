package dropbridge.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The packaged application with a local drop whose sink cannot be written (a plain file where its
 * folder should be): the dropped file is delivered and moved to .done/ at once, its outcomes wait;
 * the process is killed, the sink repaired, and the next process ships the waiting outcomes at its
 * start without reading the file or calling the API again.
 */
class SinkDownAcrossRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 500;
    private static final String KEY = "sink-down-key";

    @Test
    void outcomesThatWaitedForTheSinkAreShippedByTheNextProcess() throws IOException {
        Path data = Path.of("target", "it", "sink-down");
        PtengineDropFolder folder = PtengineDropFolder.create(data);
        Path sink = data.resolve("outbox/ptengine-profiles");
        Files.createDirectories(sink.getParent());
        Files.writeString(sink, "not a folder");
        try (CountingPtenginePeer peer = new CountingPtenginePeer(KEY, 0)) {
            int port = Ports.free();
            Map<String, String> env = new HashMap<>(folder.settings());
            env.put("DROPBRIDGE_SANDBOX_ENABLED", "false");
            env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
            env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "200");
            env.put("DROPBRIDGE_SINK_RETRY_INITIAL_DELAY_MS", "500");
            env.putAll(peer.ptengineSettings(100, 2));
            List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx96m");

            try (PackagedApp first = PackagedApp.start("sink-down-first", port, env, jvm)) {
                first.awaitReady(Duration.ofSeconds(60));
                folder.drop("users.csv", ROWS);
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.inbox().resolve(".done/users.csv")));
                await().atMost(Duration.ofSeconds(10)).until(() -> first.get("/q/metrics").orElseThrow().body()
                        .lines().anyMatch(line -> line.startsWith("dropbridge_outcomes_waiting ") && line.endsWith(" 1.0")));
                assertTrue(first.logText().contains("the outcomes of users.csv did not all reach their sinks"), first.logTail(30));
                await().atMost(Duration.ofSeconds(10)).until(() -> first.logText().contains("still do not reach their sinks"));
                first.kill();
            }
            assertEquals(ROWS, peer.received().size());
            assertEquals(0, peer.receivedMoreThanOnce());

            Files.delete(sink);
            try (PackagedApp second = PackagedApp.start("sink-down-second", port, env, jvm)) {
                second.awaitReady(Duration.ofSeconds(60));
                Path report = folder.report("users.csv");
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(report));
                JsonNode shipped = JSON.readTree(report.toFile());
                assertEquals("COMPLETED", shipped.path("status").asText(), shipped.toString());
                assertEquals(ROWS, shipped.at("/records/succeeded").asInt());
                folder.assertOneSuccessLinePerRow("users.csv", ROWS);
                assertEquals(ROWS, peer.received().size());
                assertEquals(0, peer.receivedMoreThanOnce(), "nothing is sent again");
                assertTrue(second.logText().contains("the outcomes of users.csv reached their sinks"), second.logTail(30));
                assertFalse(second.logText().contains("delivering users.csv"), "the file is not read again");
                await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(data.resolve("work/.waiting-for-sinks/ptengine-profiles-local-drop")));
            }
        }
    }
}
