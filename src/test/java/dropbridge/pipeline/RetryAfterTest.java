package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.PtenginePipelineTest.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxAnswer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An answer's Retry-After holds every request of the pipeline, not only the batch it answered. */
@QuarkusTest
@TestProfile(RetryAfterTest.LongerMaximumDelay.class)
class RetryAfterTest {

    private static final String PIPELINE = "ptengine-profiles";
    private static final long MS = 1_000_000;

    public static class LongerMaximumDelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dropbridge.retry.max-delay-ms", "4000");
        }
    }

    @Inject
    Sandbox sandbox;

    @BeforeEach
    void resetPeer() {
        sandbox.ptengine().reset();
    }

    @Test
    void a429WithRetryAfterInSecondsHoldsEverySenderThatLong() {
        sandbox.ptengine().faults().answerNext(1, new SandboxAnswer(429, "{\"msg\":\"slow down\"}", Map.of("Retry-After", "3")));
        drop(PIPELINE, "held.csv", users(1000));

        JsonNode report = awaitReport(PIPELINE, "held.csv");

        assertCounts(report, 1000, 1000, 0);
        assertEquals(1, report.get("retries").asInt());
        assertQuietAfterFirstAnswer(2800);
    }

    @Test
    void a503WithRetryAfterAsAnHttpDateHoldsUntilThenAndALongerOneIsCappedAtTheMaximumDelay() {
        // far enough ahead that the hold still lasts past the quiet second when the drop picks the
        // file up seconds after this line (a loaded machine); an HTTP date has whole seconds
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        sandbox.ptengine().faults().answerNext(1, new SandboxAnswer(503, "{\"msg\":\"busy\"}", Map.of("Retry-After", inTenSeconds)));
        drop(PIPELINE, "date.csv", users(300));
        assertCounts(awaitReport(PIPELINE, "date.csv"), 300, 300, 0);
        assertQuietAfterFirstAnswer(1000);

        sandbox.ptengine().reset();
        sandbox.ptengine().faults().answerNext(1, new SandboxAnswer(429, "{\"msg\":\"come back in an hour\"}", Map.of("Retry-After", "3600")));
        drop(PIPELINE, "capped.csv", users(300));
        JsonNode report = awaitReport(PIPELINE, "capped.csv");
        assertCounts(report, 300, 300, 0);
        assertTrue(report.get("durationMs").asLong() < 10_000, "held for dropbridge.retry.max-delay-ms, not an hour: " + report);
    }

    /** No request reached the peer from just after the first one was answered until {@code quietMs} later. */
    private void assertQuietAfterFirstAnswer(long quietMs) {
        List<Long> arrivals = sandbox.ptengine().journal().arrivalNanos();
        long first = arrivals.get(0);
        List<Long> early = arrivals.stream().map(at -> (at - first) / MS).filter(ms -> ms > 200 && ms < quietMs).toList();
        assertEquals(List.of(), early, "ms after the first request at which others came");
        assertTrue(arrivals.stream().anyMatch(at -> (at - first) / MS >= quietMs), "requests after the hold: " + arrivals.size());
    }

    private static String users(int rows) {
        return IntStream.rangeClosed(1, rows).mapToObj(i -> "user-" + i + ",plan-" + i % 3).collect(Collectors.joining("\n", "user_id,plan\n", "\n"));
    }
}
