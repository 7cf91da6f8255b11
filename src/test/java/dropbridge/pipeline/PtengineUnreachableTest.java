package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.Drops.errorLines;
import static dropbridge.pipeline.PtenginePipelineTest.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An API address where nothing listens: connections are refused, retried, then the records fail. */
@QuarkusTest
@TestProfile(PtengineUnreachableTest.NothingListening.class)
class PtengineUnreachableTest {

    private static final String PIPELINE = "ptengine-profiles";

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dropbridge.ptengine.url", "http://127.0.0.1:" + closedPort() + "/v1/user/profiles");
        }
    }

    @Test
    void refusedConnectionsAreRetriedThenEveryRecordFailsWithTheReason() {
        drop(PIPELINE, "unreachable.csv", "user_id,plan\nu1,gold\nu2,silver\nu3,gold\n");
        JsonNode report = awaitReport(PIPELINE, "unreachable.csv");

        assertCounts(report, 3, 0, 3);
        assertEquals(3, report.get("retries").asInt());
        List<JsonNode> errors = errorLines(PIPELINE, "unreachable.csv");
        assertEquals(List.of(2, 3, 4), errors.stream().map(e -> e.get("line").asInt()).toList());
        JsonNode error = errors.get(0);
        assertEquals("api", error.get("stage").asText());
        assertEquals("connection", error.get("code").asText());
        assertTrue(error.get("reason").asText().contains("refused"), error.toString());
        assertEquals("gold", error.get("record").get("plan").asText());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
