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
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch refused as a whole for one record's content, against the simulators as strict peers:
 * the refused records stand alone with the API's reason, every other record is delivered once.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class RefusedRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RABBITPRE = "rabbitpre-events";
    private static final String PTENGINE = "ptengine-profiles";
    private static final String ENGAGELAB = "engagelab-profile-query";
    private static final String REFUSED_VALUE = "refused-by-sandbox";

    @Inject
    Sandbox sandbox;

    @BeforeEach
    void resetPeers() {
        sandbox.rabbitpre().reset();
        sandbox.ptengine().reset();
        sandbox.engageLab().reset();
    }

    @ParameterizedTest(name = "Rabbitpre refusing with HTTP {0}")
    @ValueSource(ints = {200, 400})
    void threeUndefinedEventKeysAmongFiveThousandEventsAreTheOnlyErrors(int refusalStatus) {
        sandbox.rabbitpre().refusalStatus(refusalStatus);
        Set<Integer> bad = Set.of(7, 2600, 4999);
        String file = "events-refused-" + refusalStatus + ".jsonl";
        drop(RABBITPRE, file, IntStream.rangeClosed(1, 5000)
                .mapToObj(i -> "{\"identities\":[{\"identityValue\":\"1390000" + i + "\",\"identityType\":\"phone\"}],"
                        + "\"eventKey\":\"" + (bad.contains(i) ? "c_undefined" : "c_view") + "\",\"uuid\":\"e-" + i + "\"}")
                .collect(Collectors.joining("\n", "", "\n")));

        JsonNode report = awaitReport(RABBITPRE, file);

        assertCounts(report, 5000, 4997, 3);
        List<JsonNode> errors = errorLines(RABBITPRE, file);
        assertEquals(Set.of(7L, 2600L, 4999L), errors.stream().map(e -> e.get("recordNumber").asLong()).collect(Collectors.toSet()));
        errors.forEach(error -> assertTrue(error.get("reason").asText().contains("eventKey c_undefined is not defined"), error.toString()));
        List<SandboxRequest> requests = sandbox.rabbitpre().events().journal().requests();
        Map<String, Integer> accepted = timesAccepted(sandbox.rabbitpre().events().journal().simulated(), "data", event -> event.path("eventKey").asText().equals("c_undefined"),
                event -> event.path("uuid").asText());
        assertEquals(4997, accepted.size());
        assertTrue(accepted.values().stream().allMatch(times -> times == 1), "every event accepted once");
        JsonNode isolation = report.get("isolation");
        assertEquals(3, isolation.get("batches").asInt(), report.toString());
        assertEquals(3, isolation.get("recordsRefused").asInt());
        assertTrue(isolation.get("extraRequests").asInt() <= 3 * 2 * 9, report.toString());
        assertEquals(10 + isolation.get("extraRequests").asInt(), requests.size());
        assertEquals("COMPLETED_WITH_ERRORS", report.get("status").asText());
        assertEquals(".done", awaitMoved(RABBITPRE, file));
    }

    @Test
    void aPtengineBatchRefusedAfterA503IsRetriedFirstThenIsolated() {
        sandbox.ptengine().faults().answerNext(1, 503, "{\"msg\":\"busy\"}");
        drop(PTENGINE, "marked.csv", users(1000, Set.of(150, 151, 777)));

        JsonNode report = awaitReport(PTENGINE, "marked.csv");

        assertCounts(report, 1000, 997, 3);
        assertEquals(1, report.get("retries").asInt(), report.toString());
        List<JsonNode> errors = errorLines(PTENGINE, "marked.csv");
        assertEquals(Set.of("user-150", "user-151", "user-777"),
                errors.stream().map(e -> e.at("/record/user_id").asText()).collect(Collectors.toSet()));
        errors.forEach(error -> {
            assertEquals("http-400", error.get("code").asText());
            assertTrue(error.get("reason").asText().contains("value not accepted: " + REFUSED_VALUE), error.toString());
        });
        Map<String, Integer> accepted = timesAccepted(sandbox.ptengine().journal().simulated(), "values",
                row -> row.toString().contains(REFUSED_VALUE), row -> row.get(0).asText());
        assertEquals(997, accepted.size());
        assertTrue(accepted.values().stream().allMatch(times -> times == 1), "every user accepted once");
        assertEquals(997, successLines(PTENGINE, "marked.csv").size());
        assertTrue(report.at("/isolation/extraRequests").asInt() <= 3 * 2 * 7, report.toString());
        assertEquals(2, report.at("/isolation/batches").asInt());
    }

    @Test
    void aPartWhoseRetriesRunOutFailsWithWhyAndTheOtherPartsGoOn() {
        sandbox.ptengine().faults().answerNext(1, 400, "{\"msg\":\"refused once\"}");
        sandbox.ptengine().faults().answerNext(4, 503, "{\"msg\":\"busy\"}");
        drop(PTENGINE, "part-gave-up.csv", users(100, Set.of()));

        JsonNode report = awaitReport(PTENGINE, "part-gave-up.csv");

        assertCounts(report, 100, 50, 50);
        List<JsonNode> errors = errorLines(PTENGINE, "part-gave-up.csv");
        assertEquals(Set.of("http-503"), errors.stream().map(e -> e.get("code").asText()).collect(Collectors.toSet()));
        assertTrue(errors.get(0).get("reason").asText().contains("gave up after 4 attempts"), errors.get(0).toString());
        assertEquals(List.of(1, 50), errors.stream().map(e -> e.get("recordNumber").asInt()).filter(n -> n == 1 || n == 50).toList());
        assertEquals(3, report.get("retries").asInt(), report.toString());
        assertEquals(1 + 4 + 1, sandbox.ptengine().journal().count(), "the batch, its first half 4 times, its second half");
    }

    @Test
    void refusedCredentialsAreNeverIsolated() {
        sandbox.ptengine().faults().answerNext(1000, 401, "{\"msg\":\"Unauthorized\"}");
        drop(PTENGINE, "unauthorized.csv", users(300, Set.of(5)));

        JsonNode report = awaitReport(PTENGINE, "unauthorized.csv");

        assertEquals("FAILED", report.get("status").asText());
        assertEquals(0, report.at("/isolation/batches").asInt(), report.toString());
        assertTrue(sandbox.ptengine().journal().count() <= 4, "only the requests in flight: " + sandbox.ptengine().journal().count());
    }

    @Test
    void anEngageLabRequestRefusedWith55004IsIsolatedUnderThePace() {
        drop(ENGAGELAB, "refused-euid.txt", IntStream.rangeClosed(4001, 4200).mapToObj(String::valueOf)
                .collect(Collectors.joining("\n", "", "\n")));

        JsonNode report = awaitReport(ENGAGELAB, "refused-euid.txt");

        assertCounts(report, 200, 200 - 1 - 29, 1 + 29); // 29 EUIDs divisible by 7 are unknown
        JsonNode refused = errorLines(ENGAGELAB, "refused-euid.txt").stream().filter(e -> e.get("code").asText().equals("55004"))
                .findFirst().orElseThrow();
        assertEquals("4040", refused.at("/record/euid").asText());
        assertTrue(refused.get("reason").asText().contains("euid 4040 not accepted"), refused.toString());
        assertEquals(1, report.at("/isolation/recordsRefused").asInt());
        assertEquals(0, sandbox.engageLab().rateLimited(), "isolation requests are paced like any other");
    }

    @Test
    void aFileWhoseEveryBatchIsRefusedStopsIsolatingAndSaysSo() {
        Set<Integer> oneInEachBatch = IntStream.range(0, 20).map(batch -> batch * 100 + 50).boxed().collect(Collectors.toSet());
        drop(PTENGINE, "all-refused.csv", users(2000, oneInEachBatch));

        JsonNode report = awaitReport(PTENGINE, "all-refused.csv");

        JsonNode isolation = report.get("isolation");
        assertEquals(3, isolation.get("batches").asInt(), report.toString());
        assertEquals(17, isolation.get("batchesNotIsolated").asInt());
        assertCounts(report, 2000, 3 * 99, 3 + 17 * 100);
        assertTrue(errorLines(PTENGINE, "all-refused.csv").stream()
                .filter(e -> e.get("reason").asText().contains("not isolated")).count() == 17 * 100);
        assertEquals(20 + isolation.get("extraRequests").asInt(), sandbox.ptengine().journal().count());
    }

    private static String users(int rows, Set<Integer> marked) {
        return IntStream.rangeClosed(1, rows).mapToObj(i -> "user-" + i + "," + (marked.contains(i) ? REFUSED_VALUE : "plan-" + i % 3))
                .collect(Collectors.joining("\n", "user_id,plan\n", "\n"));
    }

    /** How many times each record was in a request the strict peer took (it answered itself, and no refused record was in it). */
    private static Map<String, Integer> timesAccepted(List<SandboxRequest> requests, String field, Predicate<JsonNode> refused,
            java.util.function.Function<JsonNode, String> id) {
        Map<String, Integer> times = new HashMap<>();
        for (SandboxRequest request : requests) {
            JsonNode records = parse(request.body()).get(field);
            boolean taken = true;
            for (JsonNode record : records) {
                taken &= !refused.test(record);
            }
            if (taken) {
                records.forEach(record -> times.merge(id.apply(record), 1, Integer::sum));
            }
        }
        return times;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
