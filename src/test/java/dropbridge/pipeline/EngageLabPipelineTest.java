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
import dropbridge.sandbox.EngageLabSandbox;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engagelab-profile-query pipeline end to end against the EngageLab simulator (limits scaled to 20 per 2 s). */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class EngageLabPipelineTest {

    private static final String PIPELINE = "engagelab-profile-query";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Sandbox sandbox;

    EngageLabSandbox engageLab;

    @BeforeEach
    void resetPeer() {
        engageLab = sandbox.engageLab();
        engageLab.reset();
    }

    @ParameterizedTest(name = "{0} EUIDs are sent as batches of {1}")
    @CsvSource(delimiter = ';', value = {
            "1;1",
            "100;100",
            "101;100,1",
            "250;100,100,50"})
    void euidsAreSentInBatchesOfAtMost100(int count, String expectedSizes) {
        String file = "euids-" + count + ".txt";
        drop(PIPELINE, file, euids(1, count, 1));

        JsonNode report = awaitReport(PIPELINE, file);

        long unknown = count / 7;
        assertCounts(report, count, (int) (count - unknown), (int) unknown);
        assertEquals(expectedSizes, SentBatches.sizes(engageLab.journal().requests(), "euid"));
        assertEquals(".done", awaitMoved(PIPELINE, file));
    }

    @Test
    void requestCarriesBasicAuthAndTheConfiguredBody() throws IOException {
        drop(PIPELINE, "one.txt", "123456\n");
        awaitReport(PIPELINE, "one.txt");

        SandboxRequest request = engageLab.journal().requests().get(0);
        String expected = "Basic " + Base64.getEncoder().encodeToString("sandbox-engagelab-key:sandbox-engagelab-secret".getBytes());
        assertEquals(expected, request.header("Authorization"));
        assertEquals(JSON.readTree("{\"euid\":[123456]}"), JSON.readTree(request.body()));
        JsonNode success = successLines(PIPELINE, "one.txt").get(0);
        assertEquals(123456, success.get("euid").asLong());
        assertEquals("user-123456", success.at("/profile/user_identities/user_id").asText());
        assertTrue(success.at("/profile/user_identities").has("registration_id"), "nulls are kept as returned");
        assertTrue(success.at("/profile/user_identities/registration_id").isNull());
    }

    @Test
    void badEuidsAreErrorRecordsAndNeverSent() throws IOException {
        drop(PIPELINE, "euids.txt", Files.readAllBytes(Path.of("samples/engagelab/euids.txt")));
        JsonNode report = awaitReport(PIPELINE, "euids.txt");

        assertCounts(report, 12, 7, 5);
        List<JsonNode> errors = errorLines(PIPELINE, "euids.txt");
        assertEquals(List.of("api:7:55108", "check:8:invalid-euid", "check:9:invalid-euid", "check:10:invalid-euid",
                "check:11:euid-too-large"), errors.stream().map(e -> e.get("stage").asText() + ":" + e.get("line").asInt()
                + ":" + e.get("code").asText()).sorted(Comparator.comparing((String s) -> Integer.parseInt(s.split(":")[1]))).toList());
        JsonNode sent = JSON.readTree(engageLab.journal().requests().get(0).body()).get("euid");
        assertEquals("[1002,1003,1004,1005,1006,1009,1008,1010]", sent.toString());
    }

    @Test
    void csvAndJsonLinesWithAnEuidField() throws IOException {
        drop(PIPELINE, "euids.csv", Files.readAllBytes(Path.of("samples/engagelab/euids.csv")));
        drop(PIPELINE, "euids.jsonl", Files.readAllBytes(Path.of("samples/engagelab/euids.jsonl")));

        assertCounts(awaitReport(PIPELINE, "euids.csv"), 3, 2, 1);
        assertEquals("55108", errorLines(PIPELINE, "euids.csv").get(0).get("code").asText(), "2014 is divisible by 7");
        assertCounts(awaitReport(PIPELINE, "euids.jsonl"), 4, 3, 1);
        assertEquals(3, errorLines(PIPELINE, "euids.jsonl").get(0).get("line").asInt());
    }

    @Test
    void partialSuccessIsSplitPerEuidAndAMissingEuidIsAnError() {
        engageLab.omit(Set.of(5L));
        drop(PIPELINE, "partial.txt", euids(1, 10, 1));
        JsonNode report = awaitReport(PIPELINE, "partial.txt");

        assertCounts(report, 10, 8, 2);
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 8L, 9L, 10L),
                successLines(PIPELINE, "partial.txt").stream().map(l -> l.get("euid").asLong()).sorted().toList());
        Map<String, String> errors = errorLines(PIPELINE, "partial.txt").stream()
                .collect(Collectors.toMap(e -> e.get("record").get("euid").asText(), e -> e.get("code").asText()));
        assertEquals(Map.of("5", "not-in-answer", "7", "55108"), errors);
    }

    @Test
    void rateLimitedAnswersAreRetriedAndNothingFails() {
        engageLab.faults().answerNext(1, 200, "{\"code\":55110,\"message\":\"Too many requests, please try again later.\"}");
        engageLab.faults().answerNext(1, 429, "{\"code\":55110,\"message\":\"Too many requests\"}");
        drop(PIPELINE, "limited.txt", euids(1, 6, 1));
        JsonNode report = awaitReport(PIPELINE, "limited.txt");

        assertCounts(report, 6, 6, 0);
        assertEquals(2, report.get("retries").asInt());
    }

    @Test
    void systemErrorsAreRetriedThenARefusedEuidIsIsolatedWithTheApiMessage() {
        engageLab.faults().answerNext(1, 500, "{\"code\":55000,\"message\":\"System error\"}");
        drop(PIPELINE, "rejected.txt", euids(4040, 3, 1));
        JsonNode report = awaitReport(PIPELINE, "rejected.txt");

        assertCounts(report, 3, 2, 1);
        assertEquals(1, report.get("retries").asInt());
        JsonNode error = errorLines(PIPELINE, "rejected.txt").get(0);
        assertEquals(4040, error.at("/record/euid").asLong());
        assertEquals("55004", error.get("code").asText());
        assertTrue(error.get("reason").asText().contains("euid 4040 not accepted"), error.toString());
    }

    @Test
    void wrongCredentialsFailTheFileFast() {
        engageLab.faults().answerNext(100, 200, "{\"code\":40050,\"message\":\"Authentication failed\"}");
        drop(PIPELINE, "refused.txt", euids(1, 1000, 1));
        JsonNode report = awaitReport(PIPELINE, "refused.txt");

        assertEquals("FAILED", report.get("status").asText());
        assertTrue(report.get("reason").asText().contains("ENGAGELAB_API_SECRET"), report.toString());
        assertCounts(report, 1000, 0, 1000);
        assertTrue(engageLab.journal().count() <= 5, "calls: " + engageLab.journal().count());
        assertEquals(".failed", awaitMoved(PIPELINE, "refused.txt"));
    }

    @Test
    void aBurstIsPacedSoTheSandboxNeverAnswersRateLimited() {
        drop(PIPELINE, "burst.txt", euids(1, 4000, 1));
        JsonNode report = awaitReport(PIPELINE, "burst.txt");

        assertEquals(40, report.get("apiCalls").asInt());
        assertEquals(0, report.get("retries").asInt());
        assertEquals(0, engageLab.rateLimited(), "55110 answers from the sandbox");
        assertTrue(report.get("durationMs").asLong() >= 4000, "40 requests at 18 per 2 s take over 4 s: " + report);
    }

    private static String euids(long from, long count, long step) {
        return LongStream.range(0, count).mapToObj(i -> String.valueOf(from + i * step)).collect(Collectors.joining("\n", "", "\n"));
    }

}
