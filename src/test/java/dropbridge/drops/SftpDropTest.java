package dropbridge.drops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.camel.Leadership;
import dropbridge.pipeline.CleanTestData;
import dropbridge.pipeline.Drops;
import dropbridge.pipeline.LogCount;
import dropbridge.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** SFTP drops against Apache MINA SSHD: password and key login, host key checking, outcomes to SFTP and to S3. */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = S3ProxyServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SftpServers.class, restrictToAnnotatedClass = false)
class SftpDropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The drops whose servers are refused: started by their tests only (test profile), so their failed polls do not reach other tests' logs. */
    private static final String UNKNOWN_HOST_DROP = "test-sftp-unknown-host-drop";

    @Inject
    Sandbox sandbox;

    @Inject
    CamelContext camel;

    @BeforeEach
    void resetPeer() {
        sandbox.ptengine().reset();
    }

    @Test
    void passwordLoginDeliversAndWritesOutcomesBackToTheServer() throws IOException {
        upload(SftpServers.ROOT.resolve("password-drop"), "users.csv", "user_id,plan\nsftp-1,gold\nsftp-2,silver\n,nobody\n");

        JsonNode json = Drops.awaitFinalReport(SftpServers.ROOT.resolve("password-drop/results/reports/users.csv.json"));
        assertEquals("COMPLETED_WITH_ERRORS", json.get("status").asText());
        assertEquals(2, json.at("/records/succeeded").asInt());
        assertEquals(1, Files.readAllLines(SftpServers.ROOT.resolve("password-drop/results/error/users.csv.jsonl")).size());
        assertTrue(sandbox.ptengine().user("sftp-2").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(SftpServers.ROOT.resolve("password-drop/.done/users.csv")));
        assertFalse(Files.exists(SftpServers.ROOT.resolve("password-drop/users.csv")));
    }

    @Test
    void keyLoginDeliversAndAFailedFileShipsItsOutcomesToS3BeforeMovingToFailed() throws IOException {
        upload(SftpServers.ROOT.resolve("key-drop"), "events.csv", "id,plan\n1,gold\n");
        upload(SftpServers.ROOT.resolve("key-drop"), "users.jsonl", "{\"user_id\":\"key-1\"}\n");

        S3Client s3 = S3ProxyServer.client();
        JsonNode failed = awaitS3Json(s3, "results/from-sftp/reports/events.csv.json");
        JsonNode delivered = awaitS3Json(s3, "results/from-sftp/reports/users.jsonl.json");

        assertEquals("FAILED", failed.get("status").asText());
        assertTrue(failed.get("reason").asText().contains("no user_id column"));
        assertEquals("COMPLETED", delivered.get("status").asText());
        assertTrue(sandbox.ptengine().user("key-1").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(SftpServers.ROOT.resolve("key-drop/.failed/events.csv")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(SftpServers.ROOT.resolve("key-drop/.done/users.jsonl")));
    }

    @Test
    void aServerWithAnUnknownHostKeyIsRefusedAndItsFileIsLeftAlone() throws Exception {
        Path drop = SftpServers.UNKNOWN_HOST_ROOT.resolve("unknown-host-drop");
        upload(drop, "users.csv", "user_id\nnever-sent\n");
        camel.getRouteController().startRoute(UNKNOWN_HOST_DROP);
        try {
            Thread.sleep(2000);

            assertTrue(Files.exists(drop.resolve("users.csv")), "the file stays where it was");
            assertTrue(sandbox.ptengine().user("never-sent").isEmpty());
            assertFalse(Files.exists(drop.resolve(".done")));
            JsonNode check = awaitDownInReadiness(UNKNOWN_HOST_DROP);
            assertTrue(check.at("/data/reason").asText().contains("host key is unknown"), check.toString());
        } finally {
            camel.getRouteController().stopRoute(UNKNOWN_HOST_DROP);
        }
    }

    /** Readiness has one check per drop with a one-line reason; the log names the cause once per streak of failed polls. */
    @Test
    void aChangedHostKeyIsNamedInReadinessAndLoggedOncePerStreak() throws Exception {
        String drop = "test-sftp-changed-host-drop";
        try (LogCount log = LogCount.start()) {
            camel.getRouteController().startRoute(drop);
            await().atMost(Duration.ofSeconds(30)).until(() -> failedPolls(drop) >= 3);
            List<String> causes = log.warnings().stream().filter(line -> line.contains(drop)).toList();
            assertEquals(1, causes.size(), causes.toString());
            assertTrue(causes.get(0).contains("host key has CHANGED"), causes.toString());
        }
        try {
            assertNamedInReadiness(drop);
        } finally {
            camel.getRouteController().stopRoute(drop);
        }
    }

    private void assertNamedInReadiness(String drop) throws IOException {
        JsonNode check = awaitDownInReadiness(drop);

        String reason = check.at("/data/reason").asText();
        assertTrue(reason.contains("host key has CHANGED"), check.toString());
        assertEquals("ptengine-profiles", check.at("/data/pipeline").asText());
        assertEquals(1, reason.lines().count());
        String readiness = readiness();
        String knownHosts = ConfigProvider.getConfig().getValue("dropbridge.sftp.known-hosts-file", String.class);
        assertFalse(readiness.contains(knownHosts), "no known_hosts path: " + readiness);
        assertFalse(readiness.contains("stacktrace"), readiness);
        assertEquals("UP", readinessCheck("camel-consumers").path("status").asText(), "Camel's own consumers check is off: " + readiness);
        assertEquals("UP", readinessCheck("test-sftp-password-drop").path("status").asText(), readiness);
    }

    /** Failed polls in a row of the drop's consumer (behind master:, once it has started). */
    private long failedPolls(String routeId) {
        return Leadership.polling(camel.getRoute(routeId)).map(consumer -> ((ScheduledPollConsumer) consumer).getErrorCounter()).orElse(0L);
    }

    private static JsonNode awaitDownInReadiness(String drop) throws IOException {
        await("the refused drop shows in readiness").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> readinessCheck(drop).path("data").has("reason") && !readinessCheck(drop).at("/data/reason").asText().startsWith("waiting"));
        JsonNode check = readinessCheck(drop);
        assertEquals("DOWN", check.path("status").asText(), check.toString());
        return check;
    }

    private static JsonNode readinessCheck(String name) throws IOException {
        for (JsonNode check : JSON.readTree(readiness()).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        return JSON.missingNode();
    }

    private static String readiness() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)
                            + "/q/health/ready")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aServerThatGoesAwayIsTriedAgainAndNothingIsLost() throws Exception {
        SftpServers.stopTrusted();
        try {
            upload(SftpServers.ROOT.resolve("password-drop"), "outage.csv", "user_id\noutage-1\n");
            Thread.sleep(1500);
            assertTrue(Files.exists(SftpServers.ROOT.resolve("password-drop/outage.csv")), "nothing is taken while the server is away");
        } finally {
            SftpServers.restartTrusted();
        }
        JsonNode report = Drops.awaitFinalReport(SftpServers.ROOT.resolve("password-drop/results/reports/outage.csv.json"));
        assertEquals("COMPLETED", report.get("status").asText());
        assertTrue(sandbox.ptengine().user("outage-1").isPresent());
    }

    private static void upload(Path folder, String name, String content) throws IOException {
        Files.createDirectories(folder);
        Path partial = folder.getParent().resolve(name + ".uploading");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode awaitS3Json(S3Client s3, String key) {
        return S3ProxyServer.awaitFinalReport(s3, key);
    }
}
