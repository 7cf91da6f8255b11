package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitMoved;
import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.Drops.errorLines;
import static dropbridge.pipeline.Drops.successLines;
import static dropbridge.pipeline.PtenginePipelineTest.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drops marked check-only (test-check-only-drop and test-check-only-events-drop in
 * test-drops.yaml): every record is read and checked, nothing reaches the API, and the outcomes
 * say what would have been sent.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class CheckOnlyDropTest {

    @Inject
    Sandbox sandbox;

    @BeforeEach
    void resetPeers() {
        sandbox.ptengine().reset();
        sandbox.rabbitpre().reset();
    }

    @Test
    void everyRecordIsCheckedAndNoneIsSent() {
        StringBuilder csv = new StringBuilder("user_id,plan\n");
        for (int i = 1; i <= 250; i++) {
            csv.append("check-").append(i).append(",gold\n");
        }
        csv.append(",no-user-id\n");
        drop("check-only", "users.csv", csv.toString());

        JsonNode report = awaitReport("check-only", "users.csv");

        assertEquals(0, sandbox.ptengine().journal().count(), "nothing reaches the API");
        assertEquals("COMPLETED_WITH_ERRORS", report.get("status").asText());
        assertTrue(report.get("checkOnly").asBoolean(), report.toString());
        assertCounts(report, 251, 250, 1);
        assertEquals(3, report.at("/wouldSend/requests").asInt(), report.toString());
        assertEquals(250, report.at("/wouldSend/records").asInt(), report.toString());
        assertEquals(0, report.get("apiCalls").asInt());

        List<JsonNode> successes = successLines("check-only", "users.csv");
        assertEquals(250, successes.size());
        Map<Integer, Integer> recordsPerRequest = new TreeMap<>();
        successes.forEach(line -> recordsPerRequest.merge(line.get("request").asInt(), 1, Integer::sum));
        assertEquals(Map.of(1, 100, 2, 100, 3, 50), recordsPerRequest);
        JsonNode first = successes.stream().filter(line -> line.get("line").asInt() == 2).findFirst().orElseThrow();
        assertTrue(first.get("checkOnly").asBoolean());
        assertEquals("check-1", first.at("/wouldSend/user_id").asText(), first.toString());
        assertEquals("gold", first.at("/wouldSend/plan").asText(), first.toString());
        List<JsonNode> errors = errorLines("check-only", "users.csv");
        assertEquals(1, errors.size());
        assertEquals("missing-user-id", errors.get(0).get("code").asText());
        assertEquals(".done", awaitMoved("check-only", "users.csv"));
    }

    @Test
    void aCheckOnlyEventDropFetchesNoTokenAndSendsNoEvent() {
        drop("check-only-events", "events.jsonl", """
                {"identities":[{"identityValue":"18888888888","identityType":"phone"}],"time":1605490615673,"uuid":"order-1","eventKey":"c_buy"}
                {"identities":[{"identityValue":"18888888889","identityType":"phone"}],"time":1605490615673,"eventKey":"c_view"}
                {"identities":[],"eventKey":"c_buy"}
                """);

        JsonNode report = awaitReport("check-only-events", "events.jsonl");

        assertEquals(0, sandbox.rabbitpre().tokens().journal().count(), "no token is fetched");
        assertEquals(0, sandbox.rabbitpre().events().journal().count(), "no event is sent");
        assertCounts(report, 3, 2, 1);
        assertEquals(1, report.at("/wouldSend/requests").asInt(), report.toString());
        List<JsonNode> successes = successLines("check-only-events", "events.jsonl");
        assertEquals("order-1", successes.get(0).at("/wouldSend/uuid").asText(), successes.toString());
        assertEquals(36, successes.get(1).at("/wouldSend/uuid").asText().length(), "the derived uuid it would carry: " + successes);
    }
}
