package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitMoved;
import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.Drops.errorLines;
import static dropbridge.pipeline.PtenginePipelineTest.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.sandbox.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Network faults: an API that does not answer in time, and one that cannot be reached at all. */
@QuarkusTest
@TestProfile(PtengineFaultsTest.ShortTimeout.class)
class PtengineFaultsTest {

    private static final String PIPELINE = "ptengine-profiles";

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dropbridge.http.response-timeout-ms", "400");
        }
    }

    @Inject
    Sandbox sandbox;

    @Test
    void slowAnswersTimeOutAndAreRetriedUntilTheRecordsFailWithTheReason() {
        sandbox.ptengine().reset();
        sandbox.ptengine().faults().latencyMs(1500);
        try {
            drop(PIPELINE, "slow.csv", "user_id,plan\nu1,gold\nu2,silver\n");
            JsonNode report = awaitReport(PIPELINE, "slow.csv");

            assertCounts(report, 2, 0, 2);
            assertEquals(3, report.get("retries").asInt());
            JsonNode error = errorLines(PIPELINE, "slow.csv").get(0);
            assertEquals("connection", error.get("code").asText());
            assertTrue(error.get("reason").asText().contains("gave up after 4 attempts"), error.toString());
            assertTrue(error.get("reason").asText().toLowerCase().contains("timeout")
                    || error.get("reason").asText().toLowerCase().contains("timed out"), error.toString());
            assertEquals(".done", awaitMoved(PIPELINE, "slow.csv"));
        } finally {
            sandbox.ptengine().reset();
        }
    }
}
