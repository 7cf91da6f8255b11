package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.mapping.MappingFile;
import dropbridge.mapping.RecordMapping;
import dropbridge.record.ReadOptions;
import dropbridge.record.RecordFormat;
import dropbridge.record.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batching, counting and outcome lines of a file run, with a toy contract and no Camel. */
class BatchStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path outbox;

    /** Accepts records with a non-empty "id", groups them by their "kind", three to a batch. */
    static final class ToyContract implements ApiContract<String> {
        @Override
        public String pipeline() {
            return "toy";
        }

        @Override
        public Set<RecordFormat> formats() {
            return Set.of(RecordFormat.JSON_LINES, RecordFormat.JSON, RecordFormat.CSV);
        }

        @Override
        public Checked<String> check(SourceRecord record, String source) {
            String id = record.fields().path("id").asText("");
            return id.isEmpty() ? Checked.rejected("missing-id", "id is missing") : Checked.ok(id);
        }

        @Override
        public Object groupOf(String payload) {
            return payload.charAt(0);
        }

        @Override
        public int batchSize() {
            return 3;
        }

        @Override
        public String url() {
            return "http://toy";
        }

        @Override
        public int inFlight() {
            return 2;
        }

        @Override
        public void requireCredentials() {
        }

        @Override
        public byte[] requestBody(Batch<String> batch) {
            return new byte[0];
        }

        @Override
        public BatchOutcome classify(ApiAnswer answer, Batch<String> batch) {
            return BatchOutcome.allDelivered(batch, item -> JSON.createObjectNode().put("id", item.payload()));
        }
    }

    @Test
    void batchesAreFullPerGroupAndTheRestComesOutAtTheEnd() {
        FileRun<String> run = open("toy.jsonl", lines("a1", "b1", "a2", "a3", "b2", "a4"));

        List<List<String>> batches = new ArrayList<>();
        run.batches().forEachRemaining(b -> batches.add(b.items().stream().map(BatchItem::payload).toList()));

        assertEquals(List.of(List.of("a1", "a2", "a3"), List.of("b1", "b2"), List.of("a4")), batches);
    }

    @Test
    void everyRecordEndsInExactlyOneOutcomeAndTheReportAddsUp() throws Exception {
        FileRun<String> run = open("mixed.jsonl", "{\"id\":\"a1\"}\nnot json\n{\"id\":\"\"}\n{\"id\":\"a2\"}\n");
        Iterator<Batch<String>> batches = run.batches();
        Batch<String> batch = batches.next();
        settle(run, batch, run.contract().classify(new ApiAnswer(200, "{}"), batch));
        assertFalse(batches.hasNext());

        JsonNode report = run.finish();

        assertEquals("COMPLETED_WITH_ERRORS", report.get("status").asText());
        assertEquals(4, report.at("/records/read").asInt());
        assertEquals(2, report.at("/records/succeeded").asInt());
        assertEquals(2, report.at("/records/failed").asInt());
        assertEquals(1, report.at("/failedByStage/read").asInt());
        assertEquals(1, report.at("/failedByStage/check").asInt());
        assertEquals(2, lines(outbox.resolve("success/mixed.jsonl.jsonl")).size());
        List<JsonNode> errors = lines(outbox.resolve("error/mixed.jsonl.jsonl"));
        assertEquals("read", errors.get(0).get("stage").asText());
        assertEquals("not json", errors.get(0).get("record").asText());
        assertEquals("missing-id", errors.get(1).get("code").asText());
        assertEquals(3, errors.get(1).get("line").asInt());
        assertEquals(report.toString(), JSON.readTree(outbox.resolve("reports/mixed.jsonl.json").toFile()).toString());
    }

    @Test
    void afterTheFileIsStoppedNoFurtherBatchIsFormedAndTheRestIsNotSent() {
        FileRun<String> run = open("stopped.jsonl", lines("a1", "a2", "a3", "a4", "a5", "a6", "a7"));
        Iterator<Batch<String>> batches = run.batches();
        Batch<String> first = batches.next();
        settle(run, first, BatchOutcome.stopFile(first, "http-401", "credentials refused"));

        assertFalse(batches.hasNext());
        JsonNode report = run.finish();

        assertEquals("FAILED", report.get("status").asText());
        assertEquals("credentials refused", report.get("reason").asText());
        assertEquals(7, report.at("/records/read").asInt());
        assertEquals(7, report.at("/records/failed").asInt());
        List<JsonNode> errors = lines(outbox.resolve("error/stopped.jsonl.jsonl"));
        assertEquals("not-sent", errors.get(6).get("code").asText());
        assertEquals("not sent: credentials refused", errors.get(6).get("reason").asText());
    }

    @Test
    void aFileThatCannotBeReadPastSomeLineFailsButKeepsWhatWasRead() {
        FileRun<String> run = open("broken.csv", "id\na1\n\"a2\na3\n");
        List<Batch<String>> batches = new ArrayList<>();
        run.batches().forEachRemaining(batches::add);
        batches.forEach(b -> settle(run, b, BatchOutcome.allDelivered(b, i -> JSON.createObjectNode())));

        JsonNode report = run.finish();

        assertEquals("FAILED", report.get("status").asText());
        assertEquals(2, report.at("/records/read").asInt(), "one good row and the unreadable rest");
        assertEquals(1, report.at("/records/succeeded").asInt());
        assertEquals(1, report.at("/failedByStage/read").asInt());
    }

    @Test
    void anUnsupportedFileTypeFailsWithoutBatches() {
        FileRun<String> run = open("users.xml", "<users/>");

        assertFalse(run.batches().hasNext());
        JsonNode report = run.finish();
        assertEquals("FAILED", report.get("status").asText());
        assertEquals("unsupported file type: toy reads files named *.csv, *.jsonl, *.ndjson, *.json",
                report.get("reason").asText());
    }

    @Test
    void batchesAreHandedOutOnlyWhileAPlaceInFlightIsFreeAndFinishingFreesTheRest() throws Exception {
        InFlightLimit limit = new InFlightLimit("toy", 2);
        FileRun<String> run = open("many.jsonl", lines("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"), limit);
        Iterator<Batch<String>> batches = run.batches();
        Batch<String> first = batches.next();
        batches.next();
        assertEquals(0, limit.available());

        java.util.concurrent.CompletableFuture<Batch<String>> third = java.util.concurrent.CompletableFuture.supplyAsync(batches::next);
        Thread.sleep(100);
        assertFalse(third.isDone(), "the third batch waits for a free place");
        settle(run, first, BatchOutcome.allDelivered(first, i -> JSON.createObjectNode()));
        assertEquals(3, third.get(5, java.util.concurrent.TimeUnit.SECONDS).number());

        run.finish();
        assertEquals(2, limit.available(), "places the run still held are free once it is finished");
    }

    @Test
    void recordsTheMappingSkipsRideWithTheNextBatchAndTheReportCountsThem() throws Exception {
        RecordMapping mapping = MappingFile.parse("toy", "toy.yaml", "fields: {id: Id}\nskip: [{column: Plan, equals: free, reason: free plan}]");
        FileRun<String> run = open("plans.csv", "Id,Plan\na1,free\na2,pro\na3,free\na4,free\na5,free\na6,pro\n", new InFlightLimit("toy", 100), mapping);

        List<Batch<String>> batches = new ArrayList<>();
        run.batches().forEachRemaining(batches::add);
        batches.forEach(b -> settle(run, b, BatchOutcome.allDelivered(b, i -> JSON.createObjectNode())));
        JsonNode report = run.finish();

        assertEquals(List.of(List.of(2L, 4L, 5L), List.of(6L)),
                batches.stream().map(b -> b.skipped().stream().map(o -> o.source().line()).toList()).toList(),
                "a batch's worth of skipped rows goes on its own; the rest ride with the next batch");
        assertEquals(0, batches.get(0).number(), "a batch of skipped rows makes no request");
        assertEquals(List.of("{\"id\":\"a2\"}", "{\"id\":\"a6\"}"), batches.get(1).items().stream().map(i -> i.source().fields().toString()).toList(),
                "the mapping renames Id and drops Plan");
        assertEquals(6, report.at("/records/read").asInt());
        assertEquals(2, report.at("/records/succeeded").asInt());
        assertEquals(4, report.at("/records/skipped").asInt());
        assertEquals(1, report.get("batches").asInt());
        List<JsonNode> skipped = lines(outbox.resolve("skipped/plans.csv.jsonl"));
        assertEquals("{\"source\":\"plans.csv\",\"line\":2,\"recordNumber\":1,\"reason\":\"free plan\"}", skipped.get(0).toString());
        assertEquals(4, skipped.size());
    }

    @Test
    void aRecordWaitsForTheAnswerToAnEarlierRecordOfItsKey() throws Exception {
        FileRun<String> run = open("keys.jsonl", lines("a1", "a2", "a1", "a3", "a4"), new InFlightLimit("toy", 100), RecordMapping.NONE,
                new KeyedToyContract());
        Iterator<Batch<String>> batches = run.batches();
        Batch<String> first = batches.next();
        assertEquals(List.of("a1", "a2", "a3"), first.items().stream().map(BatchItem::payload).toList(),
                "the second a1 is set aside while the batch fills with other keys");

        java.util.concurrent.CompletableFuture<Batch<String>> second = java.util.concurrent.CompletableFuture.supplyAsync(batches::next);
        Thread.sleep(100);
        assertFalse(second.isDone(), "the second a1 is not handed out while the first has no answer");
        settle(run, first, BatchOutcome.allDelivered(first, i -> JSON.createObjectNode()));
        assertEquals(List.of("a4", "a1"), second.get(5, java.util.concurrent.TimeUnit.SECONDS).items().stream().map(BatchItem::payload).toList());
    }

    @Test
    void aRecordWhoseKeyIsInTheOpenBatchAtTheEndOfTheFileSendsThatBatchPartFull() throws Exception {
        FileRun<String> run = open("keys.jsonl", lines("b1", "b2", "b1"), new InFlightLimit("toy", 100), RecordMapping.NONE,
                new KeyedToyContract());
        Iterator<Batch<String>> batches = run.batches();
        Batch<String> first = batches.next();
        assertEquals(List.of("b1", "b2"), first.items().stream().map(BatchItem::payload).toList(),
                "the batch holding the first b1 goes out part-full, as the second b1 waits for it");
        assertTrue(batches.hasNext());

        java.util.concurrent.CompletableFuture<Batch<String>> second = java.util.concurrent.CompletableFuture.supplyAsync(batches::next);
        Thread.sleep(100);
        assertFalse(second.isDone(), "the second b1 waits for the answer to the first");
        settle(run, first, BatchOutcome.allDelivered(first, i -> JSON.createObjectNode()));
        assertEquals(List.of("b1"), second.get(5, java.util.concurrent.TimeUnit.SECONDS).items().stream().map(BatchItem::payload).toList());
        assertFalse(batches.hasNext());
    }

    /** The toy contract whose records keep file order per id. */
    static final class KeyedToyContract implements ApiContract<String> {
        private final ToyContract toy = new ToyContract();

        @Override
        public Object orderKey(String payload) {
            return payload;
        }

        @Override
        public String pipeline() {
            return toy.pipeline();
        }

        @Override
        public Set<RecordFormat> formats() {
            return toy.formats();
        }

        @Override
        public Checked<String> check(SourceRecord record, String source) {
            return toy.check(record, source);
        }

        @Override
        public Object groupOf(String payload) {
            return toy.groupOf(payload);
        }

        @Override
        public int batchSize() {
            return toy.batchSize();
        }

        @Override
        public int inFlight() {
            return toy.inFlight();
        }

        @Override
        public void requireCredentials() {
        }

        @Override
        public String url() {
            return toy.url();
        }

        @Override
        public byte[] requestBody(Batch<String> batch) {
            return toy.requestBody(batch);
        }

        @Override
        public BatchOutcome classify(ApiAnswer answer, Batch<String> batch) {
            return toy.classify(answer, batch);
        }
    }

    /** What a pipeline route does with an answer: one outcome line per record, then the batch's place is free. */
    private static void settle(FileRun<String> run, Batch<String> batch, BatchOutcome outcome) {
        if (outcome.stopsFile()) {
            run.stop(outcome.stopReason());
        }
        outcome.items().forEach(item -> {
            if (item.delivered()) {
                run.delivered(item);
            } else {
                run.failed(item);
            }
        });
        run.skipped(batch.skipped());
        run.sent(batch);
    }

    private FileRun<String> open(String name, String content) {
        return open(name, content, new InFlightLimit("toy", 100));
    }

    private FileRun<String> open(String name, String content, InFlightLimit limit) {
        return open(name, content, limit, RecordMapping.NONE);
    }

    private FileRun<String> open(String name, String content, InFlightLimit limit, RecordMapping mapping) {
        return open(name, content, limit, mapping, new ToyContract());
    }

    private FileRun<String> open(String name, String content, InFlightLimit limit, RecordMapping mapping, ApiContract<String> contract) {
        try {
            return FileRun.open(contract, new DroppedFile(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), -1, null),
                    outbox, limit, new RecordShape(ReadOptions.defaults(RecordFormat.DEFAULT_MAX_RECORD_CHARS), mapping), false, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lines(String... ids) {
        StringBuilder text = new StringBuilder();
        for (String id : ids) {
            text.append("{\"id\":\"").append(id).append("\"}\n");
        }
        return text.toString();
    }

    private static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                nodes.add(JSON.readTree(line));
            }
            return nodes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
