package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.PtenginePipelineTest.assertCounts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A file that takes a while: its report exists at once as IN_PROGRESS at the local sink, is
 * refreshed with the figures so far (dropbridge.progress.interval-s is 1 s in the test profile),
 * and the gauges count it while it runs.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class ProgressReportTest {

    private static final String PIPELINE = "ptengine-profiles";

    @Inject
    Sandbox sandbox;

    @Test
    void aLongFileShowsItsProgressInItsReportAndInTheMetrics() {
        sandbox.ptengine().reset();
        sandbox.ptengine().faults().latencyMs(300);
        StringBuilder csv = new StringBuilder("user_id,plan\n");
        for (int i = 1; i <= 8000; i++) {
            csv.append("slow-").append(i).append(",gold\n");
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path report = Drops.outbox(PIPELINE).resolve("reports/slow.csv.json");
        try {
            drop(PIPELINE, "slow.csv", content);

            AtomicReference<JsonNode> refreshed = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                refreshed.set(Files.exists(report) ? Drops.read(report) : null);
                return refreshed.get() != null && refreshed.get().at("/records/succeeded").asLong() > 0;
            });
            JsonNode progress = refreshed.get();
            assertEquals("IN_PROGRESS", progress.get("status").asText(), progress.toString());
            assertEquals(content.length, progress.at("/progress/bytesTotal").asLong(), progress.toString());
            double share = progress.at("/progress/share").asDouble();
            assertTrue(share > 0 && share <= 1, progress.toString());
            assertTrue(progress.at("/progress/recordsPerSecond").asDouble() > 0, progress.toString());
            assertTrue(Instant.parse(progress.at("/progress/estimatedEnd").asText()).isAfter(Instant.parse(progress.get("startedAt").asText())));
            assertTrue(metrics().contains("dropbridge_files_in_progress{pipeline=\"ptengine-profiles\"} 1.0"), metrics());
        } finally {
            // whatever failed above, the file ends before the next test uses the peer
            awaitReport(PIPELINE, "slow.csv");
            sandbox.ptengine().faults().latencyMs(0);
        }
        assertCounts(awaitReport(PIPELINE, "slow.csv"), 8000, 8000, 0);
        assertTrue(metrics().contains("dropbridge_files_in_progress{pipeline=\"ptengine-profiles\"} 0.0"), metrics());
    }

    static String metrics() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class) + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
