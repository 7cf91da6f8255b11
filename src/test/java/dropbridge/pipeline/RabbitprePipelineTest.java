package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitMoved;
import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.Drops.errorLines;
import static dropbridge.pipeline.Drops.successLines;
import static dropbridge.pipeline.PtenginePipelineTest.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.sandbox.RabbitpreSandbox;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rabbitpre-events pipeline end to end against the Rabbitpre simulator and its token endpoint. */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class RabbitprePipelineTest {

    private static final String PIPELINE = "rabbitpre-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Sandbox sandbox;

    RabbitpreSandbox rabbitpre;

    @BeforeEach
    void resetPeer() {
        rabbitpre = sandbox.rabbitpre();
        rabbitpre.reset();
    }

    @ParameterizedTest(name = "{0} events are sent as batches of {1}")
    @CsvSource(delimiter = ';', value = {
            "1;1",
            "500;500",
            "501;500,1",
            "1200;500,500,200"})
    void eventsAreSentInBatchesOfAtMost500(int count, String expectedSizes) {
        String file = "events-" + count + ".jsonl";
        drop(PIPELINE, file, events(count));

        JsonNode report = awaitReport(PIPELINE, file);

        assertCounts(report, count, count, 0);
        assertEquals(expectedSizes, SentBatches.sizes(rabbitpre.events().journal().requests(), "data"));
        assertEquals(count, rabbitpre.uuidsSeen().size());
        assertEquals(".done", awaitMoved(PIPELINE, file));
    }

    @Test
    void oneTokenServesManyBatchesAndTravelsAsXToken() throws IOException {
        rabbitpre.expireTokens();
        drop(PIPELINE, "warm-up.jsonl", events(1));
        awaitReport(PIPELINE, "warm-up.jsonl");
        SandboxRequest tokenRequest = rabbitpre.tokens().journal().requests().get(0);
        assertEquals("sandbox-app", tokenRequest.query().get("instanceAppid"));
        assertEquals("sandbox-app-secret", tokenRequest.query().get("instanceSecrect"));
        rabbitpre.reset();

        drop(PIPELINE, "many.jsonl", events(2000));
        assertCounts(awaitReport(PIPELINE, "many.jsonl"), 2000, 2000, 0);

        assertEquals(0, rabbitpre.tokens().journal().count(), "token fetches for the second file");
        assertEquals(1, rabbitpre.events().journal().requests().stream().map(r -> r.header("X-Token")).distinct().count());
        SandboxRequest request = rabbitpre.events().journal().requests().get(0);
        JsonNode body = JSON.readTree(request.body());
        assertEquals(JSON.readTree("{\"isMatching\":true,\"matchingType\":1}"), body.get("publicParams"));
        assertTrue(body.at("/data/0/uuid").isTextual());
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndNoEventIsLost() {
        drop(PIPELINE, "before.jsonl", events(10));
        awaitReport(PIPELINE, "before.jsonl");
        rabbitpre.reset();
        rabbitpre.expireTokens();

        drop(PIPELINE, "after.jsonl", events(1200));
        JsonNode report = awaitReport(PIPELINE, "after.jsonl");

        assertCounts(report, 1200, 1200, 0);
        assertEquals(1, rabbitpre.tokens().journal().count(), "one renewal");
        assertTrue(report.get("retries").asInt() >= 1, report.toString());
    }

    @Test
    void wrongAppCredentialsFailTheFileFast() {
        rabbitpre.expireTokens();
        rabbitpre.tokens().faults().answerNext(100, 200, "{\"code\":\"100100\",\"errorCode\":\"APPID_OR_SECRET_ERROR\",\"msg\":\"wrong secret\"}");
        drop(PIPELINE, "refused.jsonl", events(1500));
        JsonNode report = awaitReport(PIPELINE, "refused.jsonl");

        assertEquals("FAILED", report.get("status").asText());
        assertTrue(report.get("reason").asText().contains("RABBITPRE_APP_SECRET"), report.toString());
        assertFalse(report.toString().contains("sandbox-app-secret"), "the secret never appears in a report");
        assertCounts(report, 1500, 0, 1500);
        assertTrue(rabbitpre.events().journal().count() <= 4, "only the requests in flight with the expired token");
        assertEquals(".failed", awaitMoved(PIPELINE, "refused.jsonl"));
        assertFalse(errorLines(PIPELINE, "refused.jsonl").toString().contains("sandbox-app-secret"));
    }

    @Test
    void aTokenEndpointFaultIsRetriedLikeAnApiCallAndTheRetriesNameTheFile() {
        rabbitpre.expireTokens();
        rabbitpre.tokens().faults().answerNext(2, 503, "{\"msg\":\"busy\"}");
        try (LogCount log = LogCount.start()) {
            drop(PIPELINE, "token-busy.jsonl", events(3));
            JsonNode report = awaitReport(PIPELINE, "token-busy.jsonl");

            assertCounts(report, 3, 3, 0);
            assertEquals(".done", awaitMoved(PIPELINE, "token-busy.jsonl"));
            assertEquals(2, log.warnings().stream()
                    .filter(w -> w.contains("rabbitpre-events: token-busy.jsonl batch 1") && w.contains("HTTP 503")).count(),
                    log.warnings().toString());
        }
    }

    @Test
    void aReplayedFileSendsTheSameUuids() {
        String content = events(30).replace(",\"uuid\":\"given-1\"", "");
        drop(PIPELINE, "replay.jsonl", content);
        awaitReport(PIPELINE, "replay.jsonl");
        Set<String> first = rabbitpre.uuidsSeen();
        rabbitpre.reset();

        drop(PIPELINE, "replay.jsonl", content);
        awaitReport(PIPELINE, "replay.jsonl");

        assertEquals(30, first.size());
        assertEquals(first, rabbitpre.uuidsSeen());
        assertEquals(first, successLines(PIPELINE, "replay.jsonl").stream().map(l -> l.get("uuid").asText()).collect(Collectors.toSet()));
    }

    @Test
    void everyCheckAndTheEventTheApiRefusesGiveAnErrorLineAndTheRestGoesOn() throws IOException {
        drop(PIPELINE, "events.jsonl", Files.readAllBytes(Path.of("samples/rabbitpre/events.jsonl")));
        JsonNode report = awaitReport(PIPELINE, "events.jsonl");

        assertCounts(report, 7, 2, 5);
        assertEquals(List.of("3:missing-identity", "4:missing-event-key", "5:invalid-identity", "6:invalid-time", "7:400"),
                errorLines(PIPELINE, "events.jsonl").stream().map(e -> e.get("line").asInt() + ":" + e.get("code").asText()).toList());
        JsonNode sent = JSON.readTree(rabbitpre.events().journal().requests().get(0).body()).get("data");
        assertEquals("order-20261122-0001", sent.get(0).get("uuid").asText());
        assertEquals(1795311000000L, sent.get(1).get("time").asLong(), "ISO-8601 with offset converted to epoch ms");
    }

    @Test
    void csvColumnsAreMappedToEvents() throws IOException {
        drop(PIPELINE, "events.csv", Files.readAllBytes(Path.of("samples/rabbitpre/events.csv")));
        JsonNode report = awaitReport(PIPELINE, "events.csv");

        assertCounts(report, 4, 3, 1);
        JsonNode sent = JSON.readTree(rabbitpre.events().journal().requests().get(0).body()).get("data");
        assertEquals(JSON.readTree("{\"identities\":[{\"identityValue\":\"18888888888\",\"identityType\":\"phone\"}],"
                + "\"eventKey\":\"c_buy\",\"time\":1605490615673,\"uuid\":\"csv-0001\",\"intid\":\"campaign-1\","
                + "\"eventargs\":{\"c_goods\":\"洗衣机\",\"c_price\":\"1420.00\"}}"), sent.get(0));
        assertEquals(2, sent.get(2).get("identities").size());
        assertEquals("missing-identity", errorLines(PIPELINE, "events.csv").get(0).get("code").asText());
    }

    @Test
    void anUnknownEventKeyFailsTheBatchWithTheApiMessage() {
        drop(PIPELINE, "unknown-key.jsonl", "{\"identities\":[{\"identityValue\":\"1\",\"identityType\":\"phone\"}],\"eventKey\":\"c_unknown\"}\n");
        JsonNode report = awaitReport(PIPELINE, "unknown-key.jsonl");

        assertCounts(report, 1, 0, 1);
        JsonNode error = errorLines(PIPELINE, "unknown-key.jsonl").get(0);
        assertEquals("400", error.get("code").asText());
        assertTrue(error.get("reason").asText().contains("EVENT_NOT_FOUND"), error.toString());
    }

    private static String events(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"identities\":[{\"identityValue\":\"1380000" + i + "\",\"identityType\":\"phone\"}],"
                        + "\"eventKey\":\"c_view\",\"time\":" + (1763700000000L + i) + (i == 1 ? ",\"uuid\":\"given-1\"" : "") + "}")
                .collect(Collectors.joining("\n", "", "\n"));
    }

}
