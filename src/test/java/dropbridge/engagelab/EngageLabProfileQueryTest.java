package dropbridge.engagelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.ApiAnswer;
import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchItem;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.Checked;
import dropbridge.delivery.RequestPacer;
import dropbridge.delivery.RetryableApiException;
import dropbridge.record.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngageLabProfileQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EngageLabProfileQuery engageLab = new EngageLabProfileQuery("https://ma.example/v1/user/profile", "key",
            "secret", 100, 4, Map.of("user_identities", List.of("user_id"), "contacts", List.of()), new RequestPacer(1000, 1));

    @Test
    void euidsMustBePositiveLongs() throws Exception {
        assertEquals(42L, check("{\"euid\":\" 42 \"}").payload());
        assertEquals(42L, check("{\"euid\":42}").payload());
        assertEquals(Long.MAX_VALUE, check("{\"euid\":\"9223372036854775807\"}").payload());
        assertEquals("euid-too-large", check("{\"euid\":\"9223372036854775808\"}").code());
        assertEquals("invalid-euid", check("{\"euid\":\"0\"}").code());
        assertEquals("invalid-euid", check("{\"euid\":-3}").code());
        assertEquals("invalid-euid", check("{\"euid\":\"12a\"}").code());
        assertEquals("invalid-euid", check("{\"euid\":1.5}").code());
        assertEquals("missing-euid", check("{\"other\":1}").code());
    }

    @Test
    void euidsWithLeadingZerosAreStillLongs() throws Exception {
        assertEquals(42L, check("{\"euid\":\"000000000000000000000042\"}").payload());
        assertEquals("invalid-euid", check("{\"euid\":\"-0\"}").code());
        assertEquals("invalid-euid", check("{\"euid\":\"-\"}").code());
        assertEquals("euid-too-large", check("{\"euid\":\"99999999999999999999\"}").code());
    }

    @Test
    void aTwentyMegabyteEuidIsRejectedFastWithAShortReason() {
        String digits = "9".repeat(20 * 1024 * 1024);
        ObjectNode fields = JSON.createObjectNode().put("euid", digits);

        Checked<Long> checked = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> engageLab.check(new SourceRecord(1, fields), "ids.txt"));

        assertEquals("euid-too-large", checked.code());
        assertTrue(checked.reason().length() < 200, checked.reason());
        Checked<Long> notANumber = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> engageLab.check(new SourceRecord(1, JSON.createObjectNode().put("euid", digits + "x")), "ids.txt"));
        assertEquals("invalid-euid", notANumber.code());
        assertTrue(notANumber.reason().length() < 200, notANumber.reason());
    }

    @Test
    void requestAsksOnlyForTheConfiguredKeysWithBasicAuth() throws Exception {
        byte[] body = engageLab.requestBody(batch(7, 8));

        assertEquals(JSON.readTree("{\"euid\":[7,8],\"user_identities\":[\"user_id\"]}"), JSON.readTree(body));
        assertEquals("Basic a2V5OnNlY3JldA==", engageLab.basicAuthorization());
    }

    @Test
    void answersAreClassifiedPerEuid() throws Exception {
        BatchOutcome outcome = engageLab.classify(new ApiAnswer(200, "{\"code\":0,\"message\":\"success\",\"data\":["
                + "{\"euid\":1,\"user_identities\":{\"user_id\":\"u\"},\"user_properties\":null,\"error_code\":0},"
                + "{\"euid\":2,\"user_identities\":null,\"error_code\":55108}]}"), batch(1, 2, 3));

        assertTrue(outcome.items().get(0).delivered());
        assertTrue(outcome.items().get(0).details().at("/profile/user_properties").isNull());
        assertEquals("55108", outcome.items().get(1).code());
        assertEquals("not-in-answer", outcome.items().get(2).code());
    }

    @Test
    void wholeRequestFailuresFollowTheirCodeWhateverTheStatus() {
        assertThrows(RetryableApiException.class, () -> engageLab.classify(new ApiAnswer(200, "{\"code\":55110}"), batch(1)));
        assertThrows(RetryableApiException.class, () -> engageLab.classify(new ApiAnswer(429, ""), batch(1)));
        assertThrows(RetryableApiException.class, () -> engageLab.classify(new ApiAnswer(200, "{\"code\":55000}"), batch(1)));
        assertThrows(RetryableApiException.class, () -> engageLab.classify(new ApiAnswer(502, "<html>"), batch(1)));
    }

    @Test
    void credentialsAndParameterFailures() throws Exception {
        assertTrue(engageLab.classify(new ApiAnswer(200, "{\"code\":40050,\"message\":\"Authentication failed\"}"), batch(1)).stopsFile());
        assertTrue(engageLab.classify(new ApiAnswer(401, "{}"), batch(1)).stopsFile());
        BatchOutcome bad = engageLab.classify(new ApiAnswer(400, "{\"code\":55004,\"message\":\"EUID count\"}"), batch(1));
        assertEquals("55004", bad.items().get(0).code());
        assertTrue(bad.items().get(0).reason().contains("EUID count"));
    }

    @Test
    void credentialsAreRequired() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new EngageLabProfileQuery("u", "key", "", 100, 4, Map.of(), new RequestPacer(1, 1)).requireCredentials());
        assertTrue(missing.getMessage().contains("ENGAGELAB_API_SECRET"));
    }

    private dropbridge.delivery.Checked<Long> check(String json) throws Exception {
        return engageLab.check(new SourceRecord(1, (ObjectNode) JSON.readTree(json)), "test.txt");
    }

    private static Batch<Long> batch(long... euids) {
        return new Batch<>(1, java.util.Arrays.stream(euids)
                .mapToObj(e -> new BatchItem<>(new SourceRecord(e, JSON.createObjectNode().put("euid", e)), e)).toList());
    }
}
