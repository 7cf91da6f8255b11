package dropbridge.ptengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.ApiAnswer;
import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchItem;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.Checked;
import dropbridge.delivery.RetryableApiException;
import dropbridge.record.SourceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PtengineProfilesTest {

    /** As the JSON Lines reader parses: decimals exactly, as BigDecimal. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final PtengineProfiles ptengine = new PtengineProfiles("https://api.example/v1/user/profiles", "k-123", 100, 8);

    @Test
    void userIdComesFirstAndNullsAreLeftOut() throws Exception {
        Checked<PtengineRow> checked = check("{\"plan\":\"gold\",\"user_id\":\"u1\",\"age\":30,\"vip\":true,\"city\":null}");

        assertEquals(List.of("user_id", "plan", "age", "vip"), checked.payload().names());
        assertEquals(List.of("u1", "gold", "30", "true"), checked.payload().values());
    }

    @Test
    void limitsAreCountedInCharacters() throws Exception {
        assertTrue(check("{\"user_id\":\"u\",\"n\":\"" + "é".repeat(128) + "\"}").passed());
        assertEquals("value-too-long", check("{\"user_id\":\"u\",\"n\":\"" + "é".repeat(129) + "\"}").code());
        assertTrue(check("{\"user_id\":\"u\",\"" + "n".repeat(50) + "\":\"v\"}").passed());
        assertEquals("name-too-long", check("{\"user_id\":\"u\",\"" + "n".repeat(51) + "\":\"v\"}").code());
        assertEquals("missing-user-id", check("{\"user_id\":\"  \",\"n\":\"v\"}").code());
        assertEquals("missing-user-id", check("{\"n\":\"v\"}").code());
        assertEquals("nested-value", check("{\"user_id\":\"u\",\"n\":{\"a\":1}}").code());
        assertEquals("value-too-long", check("{\"user_id\":\"u\",\"n\":1e999999999}").code(), "never written out");
        assertEquals(List.of("u", "0.00012"), check("{\"user_id\":\"u\",\"n\":1.2e-4}").payload().values());
    }

    @Test
    void requestBodyIsTheDocumentedShape() throws Exception {
        Batch<PtengineRow> batch = new Batch<>(1, List.of(item("{\"user_id\":\"a\",\"x\":\"1\"}"), item("{\"user_id\":\"b\",\"x\":\"\"}")));

        byte[] body = ptengine.requestBody(batch);

        assertEquals(JSON.readTree("{\"field_name\":[\"user_id\",\"x\"],\"values\":[[\"a\",\"1\"],[\"b\",\"\"]]}"),
                JSON.readTree(body));
    }

    @Test
    void answersAreClassifiedByStatus() throws Exception {
        Batch<PtengineRow> batch = new Batch<>(1, List.of(item("{\"user_id\":\"a\"}")));

        BatchOutcome ok = ptengine.classify(new ApiAnswer(200, "{\"msg\":\"Success\",\"timestamp\":1}"), batch);
        assertEquals("a", ok.items().get(0).details().get("user_id").asText());

        BatchOutcome bad = ptengine.classify(new ApiAnswer(400, "{\"msg\":\"no user_id\",\"timestamp\":1}"), batch);
        assertEquals("http-400", bad.items().get(0).code());
        assertTrue(bad.items().get(0).reason().contains("no user_id"));
        assertTrue(!bad.stopsFile());

        BatchOutcome refused = ptengine.classify(new ApiAnswer(403, "{\"msg\":\"Forbidden\"}"), batch);
        assertTrue(refused.stopsFile());
        assertTrue(refused.stopReason().contains("PTENGINE_API_KEY"));
        assertTrue(!refused.stopReason().contains("k-123"), "the key itself is never in a reason");

        assertTrue(ptengine.classify(new ApiAnswer(404, "<html>"), batch).stopsFile());
        RetryableApiException busy = assertThrows(RetryableApiException.class,
                () -> ptengine.classify(new ApiAnswer(429, "{\"msg\":\"slow down\"}"), batch));
        assertEquals("http-429", busy.code());
        assertThrows(RetryableApiException.class, () -> ptengine.classify(new ApiAnswer(504, ""), batch));
    }

    @Test
    void configurationOutsideTheApiLimitsIsRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> new PtengineProfiles("u", "k", 101, 8));
        IllegalStateException noKey = assertThrows(IllegalStateException.class, () -> new PtengineProfiles("u", null, 100, 8).requireCredentials());
        assertTrue(noKey.getMessage().contains("PTENGINE_API_KEY"));
    }

    private Checked<PtengineRow> check(String json) throws Exception {
        return ptengine.check(new SourceRecord(1, (ObjectNode) JSON.readTree(json)), "test.jsonl");
    }

    private BatchItem<PtengineRow> item(String json) throws Exception {
        return new BatchItem<>(new SourceRecord(1, (ObjectNode) JSON.readTree(json)), check(json).payload());
    }
}
