package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitMoved;
import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.Drops.errorLines;
import static dropbridge.pipeline.Drops.successLines;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.sandbox.PtengineSandbox;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ptengine-profiles pipeline end to end: local drop, the Ptengine simulator over HTTP, outcome files. */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class PtenginePipelineTest {

    private static final String PIPELINE = "ptengine-profiles";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Sandbox sandbox;

    PtengineSandbox ptengine;

    @BeforeEach
    void resetPeer() {
        ptengine = sandbox.ptengine();
        ptengine.reset();
    }

    @Test
    void aFileWhoseRunFinishedBeforeACrashIsShippedAndSettledWithoutBeingReadAgain() throws IOException {
        String file = "finished-before-crash.csv";
        Path staged = Drops.dataDir().resolve(file);
        Files.writeString(staged, csv(3));
        Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        String version = "size " + Files.size(staged) + ", modified 1700000000000";
        StagedRuns.finished(PIPELINE, PIPELINE + "-local-drop", file, version, 3);
        Files.createDirectories(Drops.inbox(PIPELINE));
        Files.move(staged, Drops.inbox(PIPELINE).resolve(file));

        JsonNode report = awaitReport(PIPELINE, file);

        assertEquals("written by the run before the crash", report.path("note").asText(), "the finished run's report stands: " + report);
        assertEquals(".done", awaitMoved(PIPELINE, file));
        assertEquals(0, ptengine.journal().count(), "nothing is sent again");
        assertEquals(3, successLines(PIPELINE, file).size());
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !Files.exists(StagedRuns.folder(PIPELINE + "-local-drop", file)));
    }

    /** Batches travel in parallel, so the peer may see them in any order: sizes are compared largest first. */
    @ParameterizedTest(name = "{0} rows are sent as batches of {1}")
    @CsvSource(delimiter = ';', value = {
            "0;''",
            "1;1",
            "100;100",
            "101;100,1",
            "250;100,100,50"})
    void rowsAreSentInBatchesOfAtMost100(int rows, String expectedSizes) {
        String file = "rows-" + rows + ".csv";
        drop(PIPELINE, file, csv(rows));

        JsonNode report = awaitReport(PIPELINE, file);

        assertCounts(report, rows, rows, 0);
        assertEquals(expectedSizes, SentBatches.sizes(ptengine.journal().requests(), "values"), "batch sizes seen by the peer");
        assertEquals(rows, successLines(PIPELINE, file).size());
        assertTrue(metrics().contains("dropbridge_records_total{outcome=\"succeeded\",pipeline=\"ptengine-profiles\"}"));
        assertEquals(".done", awaitMoved(PIPELINE, file));
        if (rows > 0) {
            assertEquals(Map.of("user_id", "user-" + rows, "plan", "plan-" + rows % 3, "city", "city-" + rows),
                    ptengine.user("user-" + rows).orElseThrow());
        }
    }

    @Test
    void severalRequestsAreInFlightButNeverMoreThanConfigured() {
        ptengine.faults().latencyMs(100);
        drop(PIPELINE, "parallel.csv", csv(3000));
        JsonNode report = awaitReport(PIPELINE, "parallel.csv");

        assertCounts(report, 3000, 3000, 0);
        int concurrent = ptengine.journal().mostConcurrent();
        assertTrue(concurrent > 1 && concurrent <= 8, "requests in flight at once: " + concurrent);
    }

    @Test
    void aFileThatChangesWhileItIsDeliveredFailsInsteadOfPassingForComplete() throws Exception {
        ptengine.faults().latencyMs(100);
        drop(PIPELINE, "growing.csv", csv(10_000));
        Path report = Drops.outbox(PIPELINE).resolve("reports").resolve("growing.csv.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(report));
        // a writer still at work: the file grows while its first records are being sent
        Files.writeString(Drops.inbox(PIPELINE).resolve("growing.csv"), "user-late,plan-late,city-late\n", StandardOpenOption.APPEND);

        JsonNode finalReport = awaitReport(PIPELINE, "growing.csv");

        assertEquals("FAILED", finalReport.get("status").asText(), finalReport.toString());
        assertTrue(finalReport.get("reason").asText().contains("the file changed while it was delivered"), finalReport.toString());
        assertEquals(finalReport.at("/records/read").asInt(),
                finalReport.at("/records/succeeded").asInt() + finalReport.at("/records/failed").asInt(), "nothing lost of what was read");
        assertEquals(".failed", awaitMoved(PIPELINE, "growing.csv"));
    }

    /** Batches in flight on many threads log nothing above INFO, and the route metrics count every file. */
    @Test
    void aLargeCleanFileLogsNoWarning() {
        String metricsBefore = metrics();
        try (LogCount log = LogCount.start()) {
            drop(PIPELINE, "large.csv", csv(20_000));
            assertCounts(awaitReport(PIPELINE, "large.csv"), 20_000, 20_000, 0);
            assertEquals(".done", awaitMoved(PIPELINE, "large.csv"));
            assertEquals(List.of(), log.warnings());
        }
        assertTrue(exchangesTotal(metrics(), "ptengine-profiles") > exchangesTotal(metricsBefore, "ptengine-profiles"),
                "the pipeline route's exchanges are counted");
    }

    private static double exchangesTotal(String metrics, String routeId) {
        return metrics.lines()
                .filter(line -> line.startsWith("camel_exchanges_total{") && line.contains("routeId=\"" + routeId + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aSymbolicLinkInADropIsNeverReadAndGetsAFailedReport() throws Exception {
        Path secret = Drops.dataDir().resolve("outside-secret.csv");
        Files.writeString(secret, "user_id,password\nsecret-user,hunter2\n");
        Path link = Drops.inbox(PIPELINE).resolve("linked.csv");
        Files.createDirectories(link.getParent());
        try (LogCount log = LogCount.start()) {
            Files.createSymbolicLink(link, secret.toAbsolutePath());

            JsonNode report = awaitReport(PIPELINE, "linked.csv");

            assertEquals("FAILED", report.get("status").asText());
            assertTrue(report.get("reason").asText().contains("symbolic link"), report.toString());
            assertCounts(report, 0, 0, 0);
            assertEquals(".failed", awaitMoved(PIPELINE, "linked.csv"));
            Path moved = Drops.inbox(PIPELINE).resolve(".failed/linked.csv");
            assertTrue(Files.isSymbolicLink(moved), "the link itself is moved aside, its target stays where it is");
            assertTrue(Files.exists(secret));
            assertTrue(ptengine.user("secret-user").isEmpty(), "the linked file's records are never sent");
            assertFalse(Files.readString(Drops.outbox(PIPELINE).resolve("reports/linked.csv.json")).contains("hunter2"));
            assertTrue(log.lines().stream().noneMatch(line -> line.contains("hunter2")), "the target's content is not logged");
            assertEquals(1, log.warnings().stream().filter(w -> w.contains("linked.csv") && w.contains("symbolic link")).count(),
                    log.warnings().toString());
            Files.deleteIfExists(moved);
        } finally {
            Files.deleteIfExists(link);
        }
    }

    @Test
    void aSubFolderAHiddenFileAndLinksToAFolderOrToNothingAreNotReadAndAreLoggedOnceEach() throws Exception {
        Path folder = Drops.inbox(PIPELINE).resolve("nested");
        Path hidden = Drops.inbox(PIPELINE).resolve(".hidden.csv");
        Path folderLink = Drops.inbox(PIPELINE).resolve("folder-link.csv");
        Path dangling = Drops.inbox(PIPELINE).resolve("dangling.csv");
        try (LogCount log = LogCount.start()) {
            Files.createDirectories(folder);
            Files.createSymbolicLink(folderLink, folder.toAbsolutePath());
            Files.createSymbolicLink(dangling, Drops.dataDir().resolve("nothing-here").toAbsolutePath());
            Files.writeString(folder.resolve("inner.csv"), "user_id\nnested-user\n");
            Files.writeString(hidden, "user_id\nhidden-user\n");
            // the files beside them are all delivered: a link to nothing never holds the poll's one place
            for (int i = 1; i <= 4; i++) {
                drop(PIPELINE, "beside-them-" + i + ".csv", "user_id\nplain-user-" + i + "\n");
            }
            for (int i = 1; i <= 4; i++) {
                assertCounts(awaitReport(PIPELINE, "beside-them-" + i + ".csv"), 1, 1, 0);
            }
            Thread.sleep(1000);

            assertTrue(ptengine.user("nested-user").isEmpty() && ptengine.user("hidden-user").isEmpty());
            assertTrue(Files.exists(hidden) && Files.exists(folder.resolve("inner.csv")), "both stay where they are");
            assertEquals(1, log.lines().stream().filter(line -> line.contains("nested is a directory; it is not read")).count(), log.lines().toString());
            assertEquals(1, log.lines().stream().filter(line -> line.contains(".hidden.csv is a hidden file; it is not read")).count(),
                    log.lines().toString());
            for (String link : new String[] {"folder-link.csv", "dangling.csv"}) {
                assertEquals(1, log.warnings().stream().filter(w -> w.contains(link + " is a symbolic link; it is not read")).count(),
                        log.warnings().toString());
            }
        } finally {
            Files.deleteIfExists(folderLink);
            Files.deleteIfExists(dangling);
            Files.deleteIfExists(hidden);
            Files.deleteIfExists(folder.resolve("inner.csv"));
            Files.deleteIfExists(folder);
        }
    }

    @Test
    void aFileStillUploadingUnderATemporaryNameIsLeftAlone() throws Exception {
        Path partial = Drops.inbox(PIPELINE).resolve("uploading.csv.part");
        Files.writeString(partial, "user_id\nslow-1\n");
        Thread.sleep(800);
        assertTrue(Files.exists(partial), "a .part file is not taken");

        Files.move(partial, Drops.inbox(PIPELINE).resolve("uploading.csv"));
        assertCounts(awaitReport(PIPELINE, "uploading.csv"), 1, 1, 0);
    }

    @Test
    void requestCarriesBearerKeyJsonAndTheDocumentedBody() throws IOException {
        drop(PIPELINE, "one.csv", "user_id,plan\nabc,gold\n");
        awaitReport(PIPELINE, "one.csv");

        SandboxRequest request = ptengine.journal().requests().get(0);
        assertEquals("Bearer sandbox-ptengine-key", request.header("Authorization"));
        assertTrue(request.header("Content-Type").startsWith("application/json"));
        assertEquals(JSON.readTree("{\"field_name\":[\"user_id\",\"plan\"],\"values\":[[\"abc\",\"gold\"]]}"),
                JSON.readTree(request.body()));
    }

    @Test
    void quotedCommasQuotesAndNewlinesArriveIntact() throws IOException {
        drop(PIPELINE, "users.csv", Files.readAllBytes(Path.of("samples/ptengine/users.csv")));
        JsonNode report = awaitReport(PIPELINE, "users.csv");

        assertCounts(report, 5, 4, 1);
        assertEquals("Shanghai\n(Pudong)", ptengine.user("u-1002").orElseThrow().get("city"));
        assertEquals("Chen, Wei", ptengine.user("u-1002").orElseThrow().get("name"));
        assertEquals("Say \"hi\"", ptengine.user("u-1005").orElseThrow().get("name"));
        assertEquals("", ptengine.user("u-1005").orElseThrow().get("plan"), "an empty cell is the API's empty value");
        JsonNode error = errorLines(PIPELINE, "users.csv").get(0);
        assertEquals(6, error.get("line").asInt(), "the line the record starts on, after a two-line record");
        assertEquals("check", error.get("stage").asText());
        assertEquals("missing-user-id", error.get("code").asText());
        assertEquals("No Id", error.get("record").get("name").asText());
        assertEquals(List.of(2, 3, 5, 7), successLines(PIPELINE, "users.csv").stream().map(l -> l.get("line").asInt()).toList());
    }

    @Test
    void byteOrderMarkAndCrlfAreReadAsPlainUtf8() throws IOException {
        drop(PIPELINE, "bom-crlf.csv", Files.readAllBytes(Path.of("samples/ptengine/bom-crlf.csv")));
        JsonNode report = awaitReport(PIPELINE, "bom-crlf.csv");

        assertCounts(report, 2, 2, 0);
        assertEquals("first, with comma", ptengine.user("u-bom-1").orElseThrow().get("note"));
        assertEquals("second\r\nline", ptengine.user("u-bom-2").orElseThrow().get("note"));
        assertEquals("[\"user_id\",\"plan\",\"note\"]",
                fieldNames(ptengine.journal().requests().get(0)), "no byte order mark in the first name");
    }

    @Test
    void valuesAreCountedInCharactersNotBytes() {
        String at128 = "测".repeat(128);
        String at129 = "测".repeat(129);
        drop(PIPELINE, "chinese.csv", "user_id,bio\nok-128," + at128 + "\nlong-129," + at129 + "\n");
        JsonNode report = awaitReport(PIPELINE, "chinese.csv");

        assertCounts(report, 2, 1, 1);
        assertEquals(at128, ptengine.user("ok-128").orElseThrow().get("bio"));
        JsonNode error = errorLines(PIPELINE, "chinese.csv").get(0);
        assertEquals("value-too-long", error.get("code").asText());
        assertEquals(3, error.get("line").asInt());
        assertTrue(ptengine.user("long-129").isEmpty());
    }

    @Test
    void moreThan50AttributesIsAnErrorRecordAndTheRestGoesOn() {
        drop(PIPELINE, "attributes.jsonl", attributes("at-limit", 49) + "\n" + attributes("over-limit", 50) + "\n");
        JsonNode report = awaitReport(PIPELINE, "attributes.jsonl");

        assertCounts(report, 2, 1, 1);
        assertEquals(50, ptengine.user("at-limit").orElseThrow().size());
        JsonNode error = errorLines(PIPELINE, "attributes.jsonl").get(0);
        assertEquals("too-many-attributes", error.get("code").asText());
        assertEquals(2, error.get("line").asInt());
        assertTrue(ptengine.user("over-limit").isEmpty());
    }

    /** A JSON object with user_id and {@code extra} more attributes. */
    private static String attributes(String userId, int extra) {
        return "{\"user_id\":\"" + userId + "\"" + IntStream.rangeClosed(1, extra)
                .mapToObj(i -> ",\"attribute_" + i + "\":\"v" + i + "\"").collect(Collectors.joining()) + "}";
    }

    @Test
    void headerWithoutUserIdFailsTheFileWithoutAnyCall() {
        drop(PIPELINE, "no-user-id.csv", "id,plan\n1,gold\n2,silver\n");
        JsonNode report = awaitReport(PIPELINE, "no-user-id.csv");

        assertEquals("FAILED", report.get("status").asText());
        assertTrue(report.get("reason").asText().contains("no user_id column"), report.toString());
        assertEquals(".failed", awaitMoved(PIPELINE, "no-user-id.csv"));
        assertEquals(0, ptengine.journal().count());
    }

    @Test
    void jsonLinesWithDifferentKeysAreNeverPaddedWithEmptyValues() throws IOException {
        drop(PIPELINE, "users.jsonl", Files.readAllBytes(Path.of("samples/ptengine/users.jsonl")));
        JsonNode report = awaitReport(PIPELINE, "users.jsonl");

        assertCounts(report, 6, 4, 2);
        List<String> sentShapes = ptengine.journal().requests().stream().map(PtenginePipelineTest::fieldNames).sorted().toList();
        assertEquals(List.of(
                "[\"user_id\",\"newsletter\"]",
                "[\"user_id\",\"plan\",\"score\"]"), sentShapes);
        assertEquals(Map.of("user_id", "u-2003", "newsletter", "true"), ptengine.user("u-2003").orElseThrow());
        assertEquals("7.50", ptengine.user("u-2002").orElseThrow().get("score"));
        assertFalse(ptengine.user("u-2005").orElseThrow().containsKey("city"), "null is absent, never \"\"");
        List<JsonNode> errors = errorLines(PIPELINE, "users.jsonl");
        assertEquals(List.of("read:4:unreadable", "check:5:nested-value"), errors.stream()
                .map(e -> e.get("stage").asText() + ":" + e.get("line").asInt() + ":" + e.get("code").asText()).toList());
    }

    @Test
    void transientFailuresAreRetriedUntilDelivered() {
        ptengine.faults().answerNext(1, 503, "{\"msg\":\"Service Unavailable\"}");
        ptengine.faults().answerNext(1, 429, "{\"msg\":\"Too Many Requests\"}");
        drop(PIPELINE, "flaky.csv", csv(150));
        JsonNode report = awaitReport(PIPELINE, "flaky.csv");

        assertCounts(report, 150, 150, 0);
        assertEquals(2, report.get("retries").asInt());
        assertEquals(4, report.get("apiCalls").asInt());
        assertEquals(4, ptengine.journal().count());
    }

    @Test
    void retriesAreBoundedThenTheRecordsFailWithTheReason() {
        ptengine.faults().answerNext(4, 502, "{\"msg\":\"Bad Gateway\"}");
        drop(PIPELINE, "down.csv", csv(3));
        JsonNode report = awaitReport(PIPELINE, "down.csv");

        assertCounts(report, 3, 0, 3);
        assertEquals(3, report.get("retries").asInt(), "max-retries is 3 in the test profile");
        JsonNode error = errorLines(PIPELINE, "down.csv").get(0);
        assertEquals("api", error.get("stage").asText());
        assertEquals("http-502", error.get("code").asText());
        assertTrue(error.get("reason").asText().contains("Bad Gateway"), error.toString());
        assertEquals(".done", awaitMoved(PIPELINE, "down.csv"));
    }

    @Test
    void manyBatchesGivingUpAtOnceEachGetTheirOutcome() {
        ptengine.faults().answerNext(100, 503, "{\"msg\":\"Service Unavailable\"}");
        drop(PIPELINE, "all-down.csv", csv(1000));
        JsonNode report = awaitReport(PIPELINE, "all-down.csv");

        assertCounts(report, 1000, 0, 1000);
        assertEquals(40, report.get("apiCalls").asInt(), "10 batches, 4 attempts each");
        assertEquals(1000, errorLines(PIPELINE, "all-down.csv").size());
    }

    @Test
    void aBatchRefusedOnceWhosePartsAreTakenIsDeliveredWhole() {
        ptengine.faults().answerNext(1, 400, "{\"msg\":\"field_name must contain user_id\",\"timestamp\":1}");
        drop(PIPELINE, "rejected.csv", csv(200));
        JsonNode report = awaitReport(PIPELINE, "rejected.csv");

        assertCounts(report, 200, 200, 0);
        assertEquals(1, report.at("/isolation/batches").asInt(), report.toString());
        assertEquals(0, report.at("/isolation/recordsRefused").asInt());
        assertEquals(2 + report.at("/isolation/extraRequests").asInt(), ptengine.journal().count());
        assertEquals(0, report.get("retries").asInt());
    }

    @Test
    void wrongKeyFailsTheFileFastWithoutHammeringTheApi() {
        ptengine.faults().answerNext(1000, 401, "{\"msg\":\"Unauthorized\",\"timestamp\":1}");
        drop(PIPELINE, "wrong-key.csv", csv(2500));
        JsonNode report = awaitReport(PIPELINE, "wrong-key.csv");

        assertEquals("FAILED", report.get("status").asText());
        assertTrue(report.get("reason").asText().contains("PTENGINE_API_KEY"), report.toString());
        assertCounts(report, 2500, 0, 2500);
        assertTrue(ptengine.journal().count() <= 10, "calls after the 401: " + ptengine.journal().count());
        assertEquals(".failed", awaitMoved(PIPELINE, "wrong-key.csv"));
        assertFalse(errorLines(PIPELINE, "wrong-key.csv").toString().contains("sandbox-ptengine-key"));
    }

    private static String metrics() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://localhost:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                            .getValue("quarkus.http.test-port", Integer.class) + "/q/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("user_id,plan,city\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("user-").append(i).append(",plan-").append(i % 3).append(",city-").append(i).append('\n');
        }
        return csv.toString();
    }


    private static String fieldNames(SandboxRequest request) {
        return parse(request.body()).get("field_name").toString();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertCounts(JsonNode report, int read, int succeeded, int failed) {
        JsonNode records = report.get("records");
        assertEquals(read, records.get("read").asInt(), "read: " + report);
        assertEquals(succeeded, records.get("succeeded").asInt(), "succeeded: " + report);
        assertEquals(failed, records.get("failed").asInt(), "failed: " + report);
    }
}
