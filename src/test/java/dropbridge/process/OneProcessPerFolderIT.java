package dropbridge.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.pipeline.Drops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Processes of the packaged application with the cluster service {@code none} on one local drop
 * folder, as a misconfigured deployment would run them: only the first polls it, the second says
 * why in its log (once) and in its drop's readiness check, and takes the folder over once the first
 * has stopped. A file whose move to {@code .done/} fails is not sent again, also after a restart;
 * a run folder whose file is gone is removed at start.
 */
class OneProcessPerFolderIT {

    private static final String KEY = "one-process-key";
    private static final String DROP = "ptengine-profiles-local-drop";
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1");

    @Test
    void aSecondProcessOnTheSameFolderDoesNotPollItUntilTheFirstHasStopped() throws Exception {
        PtengineDropFolder folder = PtengineDropFolder.create(Path.of("target", "it", "one-process"));
        try (CountingPtenginePeer peer = new CountingPtenginePeer(KEY, 5)) {
            Map<String, String> env = settings(folder, peer);
            try (PackagedApp first = PackagedApp.start("one-process-first", Ports.free(), env, JVM)) {
                List<String> starting = DropChecks.sample(first, DROP, () -> "UP".equals(dropCheck(first).path("status").asText()),
                        Duration.ofSeconds(2), Duration.ofSeconds(60));
                assertTrue(starting.contains("UP"), starting.toString());
                assertFalse(DropChecks.downAfterUp(starting), "ready once, the drop stays UP at start-up: " + starting);
                try (PackagedApp second = PackagedApp.start("one-process-second", Ports.free(), env, JVM)) {
                    second.awaitLive(Duration.ofSeconds(60));
                    JsonNode refused = await("the second process says why it does not poll").atMost(Duration.ofSeconds(20))
                            .until(() -> dropCheck(second), check -> check.path("status").asText().equals("DOWN")
                                    && check.at("/data/reason").asText().contains("led by another process"));
                    assertTrue(refused.at("/data/reason").asText().contains("pid " + first.pid() + " on host"), refused.toString());
                    assertTrue(Files.readString(folder.inbox().resolve(".dropbridge.lock")).contains("pid " + first.pid()));

                    for (int file = 1; file <= 20; file++) {
                        folder.drop("users-" + file + ".csv", 50);
                    }
                    for (int file = 1; file <= 20; file++) {
                        JsonNode report = Drops.awaitFinalReport(folder.report("users-" + file + ".csv"));
                        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
                    }

                    assertEquals(50, peer.received().size(), "the files share their 50 user ids");
                    assertEquals(1000, peer.rows(), "each of the 20 files' 50 users was sent once");
                    assertEquals(100, first.metric("dropbridge_api_calls_total", "ptengine-profiles"));
                    assertEquals(0, second.metric("dropbridge_api_calls_total", "ptengine-profiles"));
                    assertEquals(1, count(second.logText(), "is not polled by this process"), second.logTail(20));
                    assertEquals("DOWN", dropCheck(second).path("status").asText());
                    assertFalse(first.logText().contains(".dropbridge.lock is a"), "the lock file is not reported as an entry left alone");

                    first.stop();
                    folder.drop("after-the-first.csv", 50);
                    JsonNode report = Drops.awaitFinalReport(folder.report("after-the-first.csv"));
                    assertEquals("COMPLETED", report.path("status").asText(), report.toString());
                    assertEquals(1050, peer.rows());
                    assertEquals("UP", dropCheck(second).path("status").asText());
                    assertTrue(second.logText().contains("holds it now and polls it"), second.logTail(20));
                }
            }
        }
    }

    @Test
    void aFileThatCannotBeMovedIsNotSentAgainAfterARestartAndARunWhoseFileIsGoneIsRemoved() throws Exception {
        PtengineDropFolder folder = PtengineDropFolder.create(Path.of("target", "it", "unmovable"));
        Path work = folder.inbox().getParent().getParent().resolve("work").resolve(DROP);
        Path leftRun = Files.createDirectories(work.resolve("moved-before-a-kill.csv").resolve("reports"));
        Files.writeString(leftRun.resolve("moved-before-a-kill.csv.json"), "{\"status\":\"COMPLETED\"}");
        Path done = folder.inbox().resolve(".done");
        Files.writeString(done, "not a folder");
        try (CountingPtenginePeer peer = new CountingPtenginePeer(KEY, 5)) {
            Map<String, String> env = settings(folder, peer);
            int port = Ports.free();
            try (PackagedApp first = PackagedApp.start("unmovable-first", port, env, JVM)) {
                first.awaitReady(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(leftRun.getParent()));
                assertTrue(first.logText().contains("moved-before-a-kill.csv is removed"), first.logTail(20));
                folder.drop("users.csv", 50);
                Drops.awaitFinalReport(folder.report("users.csv"));
                await().atMost(Duration.ofSeconds(10)).until(() -> first.logText().contains("cannot move it to .done/"));
            }
            try (PackagedApp second = PackagedApp.start("unmovable-second", port, env, JVM)) {
                second.awaitReady(Duration.ofSeconds(60));
                // 20 polls of the file that is still there
                Thread.sleep(2000);
                assertEquals(50, peer.rows(), "sent once, not again after the restart");
                assertFalse(second.logText().contains("delivering users.csv"), second.logTail(20));
                Files.delete(done);
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done.resolve("users.csv")));
                await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(work.resolve("users.csv")));
                assertEquals(50, peer.rows());
                folder.assertOneSuccessLinePerRow("users.csv", 50);
            }
        }
    }

    private static Map<String, String> settings(PtengineDropFolder folder, CountingPtenginePeer peer) {
        Map<String, String> env = new HashMap<>(folder.settings());
        env.put("DROPBRIDGE_CLUSTER_SERVICE", "none");
        env.put("DROPBRIDGE_SANDBOX_ENABLED", "false");
        env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
        env.put("DROPBRIDGE_DROP_READ_LOCK_CHECK_MS", "50");
        env.put("DROPBRIDGE_DROP_POLL_DELAY_MS", "100");
        env.putAll(peer.ptengineSettings(10, 2));
        return env;
    }

    private static JsonNode dropCheck(PackagedApp app) {
        return DropChecks.now(app, DROP);
    }

    private static long count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
