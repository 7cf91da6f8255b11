package dropbridge.drops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.pipeline.CleanTestData;
import dropbridge.pipeline.Drops;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 drop whose sink bucket is gone (the drop test-s3-late-sink-drop ships to the bucket
 * late-results, which this test creates only later): every file is delivered and settled at once,
 * its outcomes wait in the work dir, and once the bucket exists they arrive without the files
 * being read or sent again.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = S3ProxyServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SftpServers.class, restrictToAnnotatedClass = false)
class SinkStaysDownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INBOX = "inbox/late-sink/";
    private static final String DONE = "done/late-sink/";
    private static final String SINK_BUCKET = "late-results";

    @Inject
    Sandbox sandbox;

    @Inject
    MeterRegistry metrics;

    private final S3Client s3 = S3ProxyServer.client();

    @Test
    void filesAreSettledWhileTheSinkIsGoneAndTheirOutcomesArriveOnceItIsBack() {
        sandbox.ptengine().reset();
        put("first.csv", rows("first", 3));
        awaitSettled("first.csv");
        for (int i = 1; i <= 5; i++) {
            put("more-" + i + ".csv", rows("more-" + i, 2 + i));
        }
        for (int i = 1; i <= 5; i++) {
            awaitSettled("more-" + i + ".csv");
        }

        // first.csv again, changed, while its first outcomes still wait: its new outcomes replace them
        put("first.csv", rows("first-again", 4));
        await().atMost(Duration.ofSeconds(20)).until(() -> sentUsers().containsKey("first-again-user-4"));
        awaitSettled("first.csv");

        Map<String, Integer> sent = sentUsers();
        assertEquals(3 + 3 + 4 + 5 + 6 + 7 + 4, sent.size(), sent.toString());
        assertTrue(sent.values().stream().allMatch(times -> times == 1), sent.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 6);
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix(INBOX)).keyCount(),
                "no file is left under the drop's prefix");

        s3.createBucket(b -> b.bucket(SINK_BUCKET));

        JsonNode first = awaitFinalReport("results/reports/first.csv.json");
        assertEquals("COMPLETED", first.path("status").asText(), first.toString());
        assertEquals(4, first.at("/records/succeeded").asInt(), "the outcomes of the last delivery: " + first);
        assertTrue(text("results/success/first.csv.jsonl").contains("first-again-user-1"));
        for (int i = 1; i <= 5; i++) {
            JsonNode report = awaitFinalReport("results/reports/more-" + i + ".csv.json");
            assertEquals(2 + i, report.at("/records/succeeded").asInt(), report.toString());
            assertEquals(2 + i, text("results/success/more-" + i + ".csv.jsonl").lines().count());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
        assertEquals(sent, sentUsers(), "nothing is sent again");
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2(b -> b.bucket(SINK_BUCKET)).contents().stream().map(S3Object::key).forEach(keys::add);
        assertEquals(24, keys.size(), "success, error, skipped and report of each file: " + keys);
    }

    private double waiting() {
        return metrics.get("dropbridge.outcomes.waiting").gauge().value();
    }

    private Map<String, Integer> sentUsers() {
        Map<String, Integer> users = new TreeMap<>();
        for (SandboxRequest request : sandbox.ptengine().journal().requests()) {
            try {
                for (JsonNode value : JSON.readTree(request.body()).path("values")) {
                    users.merge(value.path(0).asText(), 1, Integer::sum);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return users;
    }

    private void awaitSettled(String name) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> exists(S3ProxyServer.BUCKET, DONE + name) && !exists(S3ProxyServer.BUCKET, INBOX + name));
    }

    private JsonNode awaitFinalReport(String key) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                return JSON.readTree(text(key));
            } catch (NoSuchKeyException | software.amazon.awssdk.services.s3.model.NoSuchBucketException missing) {
                return null;
            }
        }, report -> report != null && Drops.isFinal(report));
    }

    private void put(String name, String content) {
        s3.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key(INBOX + name), RequestBody.fromString(content));
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        }
    }

    private String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(SINK_BUCKET).key(key)).asUtf8String();
    }

    private static String rows(String file, int count) {
        StringBuilder rows = new StringBuilder("user_id,plan\n");
        for (int i = 1; i <= count; i++) {
            rows.append(file).append("-user-").append(i).append(",gold\n");
        }
        return rows.toString();
    }
}
