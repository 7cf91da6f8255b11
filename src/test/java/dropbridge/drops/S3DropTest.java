package dropbridge.drops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.pipeline.CleanTestData;
import dropbridge.pipeline.StagedRuns;
import dropbridge.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 drop and sink against S3Proxy: objects in, batches to the API peer, outcomes out, objects settled. */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = S3ProxyServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SftpServers.class, restrictToAnnotatedClass = false)
class S3DropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INBOX = "inbox/ptengine-profiles/";
    private static final String RESULTS = "results/ptengine-profiles/";

    @Inject
    Sandbox sandbox;

    @Inject
    CamelContext camel;

    private final S3Client s3 = S3ProxyServer.client();

    @BeforeEach
    void resetPeer() {
        sandbox.ptengine().reset();
    }

    @Test
    void anObjectIsDeliveredSettledAndNeverReadAgain() throws Exception {
        put(INBOX + "users.csv", "user_id,plan\n" + rows(150));

        JsonNode report = awaitJson(RESULTS + "reports/users.csv.json");

        assertEquals("COMPLETED", report.get("status").asText());
        assertEquals(150, report.at("/records/succeeded").asInt());
        assertEquals(List.of(100, 50), sandbox.ptengine().journal().requests().stream()
                .map(r -> body(r.body()).get("values").size()).sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(150, text(RESULTS + "success/users.csv.jsonl").lines().count());
        awaitKey("done/ptengine-profiles/users.csv");
        assertFalse(exists(INBOX + "users.csv"));

        camel.getRouteController().stopRoute("test-s3-drop");
        camel.getRouteController().startRoute("test-s3-drop");
        Thread.sleep(1000);
        assertEquals(2, sandbox.ptengine().journal().count(), "a restart does not read the object again");
    }

    @Test
    void anObjectCopiedToDoneButNotDeletedWhenTheProcessDiedIsOnlySettled() throws Exception {
        camel.getRouteController().stopRoute("test-s3-drop");
        put(INBOX + "copied.csv", "user_id,plan\n" + rows(4));
        var head = s3.headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(INBOX + "copied.csv"));
        s3.copyObject(b -> b.sourceBucket(S3ProxyServer.BUCKET).sourceKey(INBOX + "copied.csv")
                .destinationBucket(S3ProxyServer.BUCKET).destinationKey("done/ptengine-profiles/copied.csv"));
        StagedRuns.finished("ptengine-profiles", "test-s3-drop", "copied.csv", "etag " + head.eTag() + ", modified " + head.lastModified(), 4);

        camel.getRouteController().startRoute("test-s3-drop");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !exists(INBOX + "copied.csv"));
        JsonNode report = awaitJson(RESULTS + "reports/copied.csv.json");
        assertEquals("written by the run before the crash", report.path("note").asText(), report.toString());
        assertTrue(exists("done/ptengine-profiles/copied.csv"));
        assertEquals(0, sandbox.ptengine().journal().count(), "the object is not delivered again");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(StagedRuns.folder("test-s3-drop", "copied.csv")));
    }

    @Test
    void aLocalDropSendsItsErrorsToS3AndKeepsSuccessesLocal() throws Exception {
        Path data = dropbridge.pipeline.Drops.dataDir();
        Path staged = data.resolve("mixed.tmp");
        Files.writeString(staged, "user_id,plan\nm-1,gold\n,no-id\nm-2,free\n");
        Files.createDirectories(data.resolve("inbox/mixed"));
        Files.move(staged, data.resolve("inbox/mixed/mixed.csv"));

        Path local = data.resolve("outbox/mixed/results/mixed");
        dropbridge.pipeline.Drops.awaitFinalReport(local.resolve("reports/mixed.csv.json"));

        assertEquals(2, Files.readAllLines(local.resolve("success/mixed.csv.jsonl")).size());
        assertFalse(Files.exists(local.resolve("error/mixed.csv.jsonl")), "errors are not kept locally");
        JsonNode error = JSON.readTree(text("results/mixed/error/mixed.csv.jsonl"));
        assertEquals("missing-user-id", error.get("code").asText());
        assertFalse(exists("results/mixed/success/mixed.csv.jsonl"), "successes are not sent to S3");
    }

    @Test
    void aBadOrEmptyObjectFailsWithAReportAndMovesToFailed() {
        put(INBOX + "no-header.csv", "");
        put(INBOX + "unreadable.xlsx", "PK\u0003\u0004 binary");

        JsonNode empty = awaitJson(RESULTS + "reports/no-header.csv.json");
        JsonNode unknown = awaitJson(RESULTS + "reports/unreadable.xlsx.json");

        assertEquals("FAILED", empty.get("status").asText());
        assertTrue(empty.get("reason").asText().contains("no header row"), empty.toString());
        assertEquals("FAILED", unknown.get("status").asText());
        assertTrue(unknown.get("reason").asText().contains("unsupported file type"), unknown.toString());
        awaitKey("failed/ptengine-profiles/no-header.csv");
        awaitKey("failed/ptengine-profiles/unreadable.xlsx");
        assertEquals(0, sandbox.ptengine().journal().count());
    }

    @Test
    void keysWithFoldersAndDotsCannotLeaveTheResultsPrefix() {
        put(INBOX + "../../escape/../users.jsonl", "{\"user_id\":\"u-escape\"}\n");

        JsonNode report = awaitJson(RESULTS + "reports/_.._.._escape_.._users.jsonl.json");

        assertEquals("COMPLETED", report.get("status").asText());
        // The run's checkpoint lives under its own prefix until the object is settled, just after the report.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> keys().stream().noneMatch(k -> k.startsWith("dropbridge-checkpoints/")));
        List<String> keys = keys();
        assertTrue(keys.stream().filter(k -> k.contains("escape")).allMatch(k -> k.startsWith(RESULTS) || k.startsWith("done/")),
                keys.toString());
    }

    private List<String> keys() {
        return s3.listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    private void put(String key, String content) {
        s3.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key), RequestBody.fromString(content));
    }

    private JsonNode awaitJson(String key) {
        return S3ProxyServer.awaitFinalReport(s3, key);
    }

    private void awaitKey(String key) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> exists(key));
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        }
    }

    private String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key(key)).asUtf8String();
    }

    private static String rows(int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            rows.append("s3-user-").append(i).append(",gold\n");
        }
        return rows.toString();
    }

    private static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
