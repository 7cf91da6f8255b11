package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.BatchStreamTest.ToyContract;
import dropbridge.record.RecordFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that takes up what an interrupted earlier run of the same file left in its folder, without Camel. */
class ResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "size 1, modified 1";

    @TempDir
    Path folder;

    /** 30 records in one group (10 batches of 3); line 6 has no id and fails the check. */
    private final String file = records(30, 6);

    @Test
    void anInterruptedRunGoesOnWhereItsOutcomesEndAndResendsOnlyTheBatchInFlight() throws IOException {
        Batch<String> inFlight = killedAfterThreeBatchesWithOneInFlight(open(file, VERSION));
        killedWhileWriting(folder.resolve("success/users.jsonl.jsonl"));

        FileRun<String> second = open(file, VERSION);
        List<String> sent = deliverTheRest(second);
        JsonNode report = second.finish();

        assertEquals(inFlight.items().get(0).payload(), sent.get(0), "the batch in flight at the crash is sent again first");
        assertEquals(29 - 9, sent.size(), "only records without an outcome are sent: 29 valid, 9 delivered before the crash");
        assertEquals("COMPLETED_WITH_ERRORS", report.get("status").asText());
        assertEquals(30, report.at("/records/read").asInt());
        assertEquals(29, report.at("/records/succeeded").asInt());
        assertEquals(1, report.at("/failedByStage/check").asInt(), "the check error of line 6 is counted once");
        assertEquals(1, report.at("/resumed/times").asInt());
        assertEquals(10, report.at("/resumed/recordsWithOutcomeBefore").asInt(), "9 delivered and 1 check error");
        assertEquals(3, report.at("/resumed/recordsSentAgain").asInt(), "the batch in flight");
        assertEquals(lineNumbers(1, 30, 6), outcomeLines("success/users.jsonl.jsonl"), "one success line per valid record, no half line");
        assertEquals(Set.of(6L), outcomeLines("error/users.jsonl.jsonl"), "the check error is not written twice");
        assertEquals(29 - 9, second.succeededInThisRun(), "the counters count what this run delivered");
        assertEquals(0, second.failedInThisRun(), "the check error was the first run's");
    }

    @Test
    void aRunHandedOverSendsNoFurtherBatchAndTheNextRunSendsNothingTwice() throws IOException {
        FileRun<String> first = open(file, VERSION);
        Iterator<Batch<String>> batches = first.batches();
        Batch<String> one = batches.next();
        Batch<String> two = batches.next();
        deliver(first, one);

        first.handOver();
        assertFalse(batches.hasNext(), "no batch is handed out once the run is handed over");
        assertTrue(first.handedOver());
        deliver(first, two);

        FileRun<String> second = open(file, VERSION);
        List<String> sent = deliverTheRest(second);
        JsonNode report = second.finish();

        assertEquals(29 - 6, sent.size(), "the two batches out at the hand-over have their outcomes and are not sent again");
        assertEquals(1, report.at("/resumed/times").asInt());
        assertEquals(0, report.at("/resumed/recordsSentAgain").asInt());
        assertEquals(29, report.at("/records/succeeded").asInt());
        assertEquals(lineNumbers(1, 30, 6), outcomeLines("success/users.jsonl.jsonl"));
    }

    @Test
    void aBatchHandedOutAfterTheHandOverIsLeftForTheNextRun() throws IOException {
        FileRun<String> first = open(file, VERSION);
        Iterator<Batch<String>> batches = first.batches();
        deliver(first, batches.next());
        assertTrue(batches.hasNext());

        first.handOver();
        Batch<String> waiting = batches.next();

        assertTrue(first.leftForNextRun(waiting), "the batch that waited for its place is not sent");
        assertTrue(first.handedOver());
        assertFalse(batches.hasNext());
        first.sent(waiting);
        List<String> sent = deliverTheRest(open(file, VERSION));
        assertEquals(waiting.items().get(0).payload(), sent.get(0), "the next run sends it first");
        assertEquals(29 - 3, sent.size());
    }

    @Test
    void aRunWhoseLastBatchIsOutWhenHandedOverIsNotCutShort() throws IOException {
        FileRun<String> run = open(records(3, 0), VERSION);
        Iterator<Batch<String>> batches = run.batches();
        deliver(run, batches.next());

        run.handOver();

        assertFalse(batches.hasNext());
        assertFalse(run.handedOver(), "nothing was left unsent: the run finishes as usual");
        assertEquals("COMPLETED", run.finish().get("status").asText());
    }

    @Test
    void aRunInterruptedTwiceAddsUpItsResumes() throws IOException {
        FileRun<String> first = open(file, VERSION);
        Iterator<Batch<String>> batches = first.batches();
        deliver(first, batches.next());
        batches.next();
        first.refreshReport(report -> { });
        String firstStartedAt = JSON.readTree(folder.resolve("reports/users.jsonl.json").toFile()).get("startedAt").asText();

        FileRun<String> second = open(file, VERSION);
        Iterator<Batch<String>> again = second.batches();
        deliver(second, again.next());
        again.next();
        second.refreshReport(report -> { });

        FileRun<String> third = open(file, VERSION);
        third.batches().forEachRemaining(batch -> deliver(third, batch));
        JsonNode report = third.finish();

        assertEquals(2, report.at("/resumed/times").asInt());
        assertEquals(firstStartedAt, report.at("/resumed/firstStartedAt").asText(), "the report says when the file was first started");
        assertEquals(29, report.at("/records/succeeded").asInt());
        assertEquals(6, report.at("/resumed/recordsSentAgain").asInt(), "one batch in flight at each interruption");
        assertEquals(lineNumbers(1, 30, 6), outcomeLines("success/users.jsonl.jsonl"));
    }

    @Test
    void aFileWhoseRunFinishedIsNotReadAgain() throws IOException {
        FileRun<String> first = open(file, VERSION);
        first.batches().forEachRemaining(batch -> deliver(first, batch));
        JsonNode finished = first.finish();

        FileRun<String> second = open("not even records", VERSION);

        assertFalse(second.batches().hasNext(), "nothing is read, nothing is sent");
        assertEquals(finished.toString(), second.finish().toString(), "the report of the run that finished stands");
        assertFalse(second.failedFile());
        assertEquals(lineNumbers(1, 30, 6), outcomeLines("success/users.jsonl.jsonl"));
    }

    @Test
    void anotherVersionOfTheFileOrOneWithoutVersionIsDeliveredFromItsFirstRecord() throws IOException {
        for (String version : new String[] {"size 1, modified 2", null}) {
            FileRun<String> interrupted = open(file, VERSION);
            deliver(interrupted, interrupted.batches().next());

            FileRun<String> fresh = open(file, version);
            List<String> sent = new ArrayList<>();
            fresh.batches().forEachRemaining(batch -> {
                batch.items().forEach(item -> sent.add(item.payload()));
                deliver(fresh, batch);
            });
            JsonNode report = fresh.finish();

            assertEquals(29, sent.size(), "every valid record is sent, version " + version);
            assertTrue(report.path("resumed").isMissingNode(), "a new file is not a resumed one");
            assertEquals(lineNumbers(1, 30, 6), outcomeLines("success/users.jsonl.jsonl"));
        }
    }

    @Test
    void aCheckOnlyRunResumesWithoutCountingAnythingAsSentAgain() throws IOException {
        FileRun<String> first = open(file, VERSION, true);
        Iterator<Batch<String>> batches = first.batches();
        deliver(first, batches.next());
        batches.next();

        FileRun<String> second = open(file, VERSION, true);
        second.batches().forEachRemaining(batch -> deliver(second, batch));
        JsonNode report = second.finish();

        assertEquals(0, report.at("/resumed/recordsSentAgain").asInt());
        assertEquals(29, report.at("/records/succeeded").asInt());
    }

    @Test
    void aJsonArrayOnOneLineIsResumedRecordByRecord() throws IOException {
        String array = "[" + String.join(",", records(30, 0).strip().split("\n")) + "]";
        killedAfterThreeBatchesWithOneInFlight(open("users.json", array, VERSION, false));

        FileRun<String> second = open("users.json", array, VERSION, false);
        List<String> sent = deliverTheRest(second);
        JsonNode report = second.finish();

        assertEquals(30 - 9, sent.size(), "every record is on line 1: the 9 delivered are known by their number and not sent again");
        assertEquals("a10", sent.get(0), "the batch in flight at the crash is sent again first");
        assertEquals(30, report.at("/records/succeeded").asInt());
        assertEquals(3, report.at("/resumed/recordsSentAgain").asInt());
        assertEquals(numbers(1, 30), outcomeNumbers("success/users.json.jsonl"), "one success line per record");
        assertEquals(Set.of(1L), outcomeLinesOf("success/users.json.jsonl"), "each outcome line still names the line the record is on");
    }

    @Test
    void aRunFolderStagedByAnEarlierReleaseIsResumedByLine() throws IOException {
        killedAfterThreeBatchesWithOneInFlight(open(file, VERSION));
        stagedAsAnEarlierReleaseDid();

        FileRun<String> second = open(file, VERSION);
        List<String> sent = deliverTheRest(second);
        JsonNode report = second.finish();

        assertEquals(29 - 9, sent.size(), "the outcomes known by line alone are not sent again");
        assertEquals(10, report.at("/resumed/recordsWithOutcomeBefore").asInt());
        assertEquals(3, report.at("/resumed/recordsSentAgain").asInt(), "the batch in flight, from the journal of lines");
        assertEquals(lineNumbers(1, 30, 6), outcomeLines("success/users.jsonl.jsonl"));
        assertEquals(Set.of(6L), outcomeLines("error/users.jsonl.jsonl"));
    }

    private FileRun<String> open(String content, String version) throws IOException {
        return open(content, version, false);
    }

    private FileRun<String> open(String content, String version, boolean checkOnly) throws IOException {
        return open("users.jsonl", content, version, checkOnly);
    }

    private FileRun<String> open(String name, String content, String version, boolean checkOnly) throws IOException {
        DroppedFile dropped = new DroppedFile(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), content.length(), version);
        return FileRun.open(new ToyContract(), dropped, folder, new InFlightLimit("toy", 100), RecordShape.plain(RecordFormat.DEFAULT_MAX_RECORD_CHARS),
                checkOnly, Clock.systemUTC());
    }

    /** Delivers every batch the run still hands out; returns the records sent, in order. */
    private static List<String> deliverTheRest(FileRun<String> run) {
        List<String> sent = new ArrayList<>();
        run.batches().forEachRemaining(batch -> {
            batch.items().forEach(item -> sent.add(item.payload()));
            deliver(run, batch);
        });
        return sent;
    }

    /** The run delivers three batches and hands out a fourth, then its process dies: returns the one in flight. */
    private static Batch<String> killedAfterThreeBatchesWithOneInFlight(FileRun<String> run) {
        Iterator<Batch<String>> batches = run.batches();
        for (int i = 0; i < 3; i++) {
            deliver(run, batches.next());
        }
        return batches.next();
    }

    /** What the outcome step of a pipeline route does: the batch's outcome lines, written through. */
    private static void deliver(FileRun<String> run, Batch<String> batch) {
        run.delivered(BatchOutcome.allDelivered(batch, item -> JSON.createObjectNode().put("id", item.payload())).items());
        run.sent(batch);
    }

    /** The process died while writing a line: half of it is on disk. */
    private static void killedWhileWriting(Path outcomes) throws IOException {
        Files.writeString(outcomes, "{\"source\":\"users.jsonl\",\"li", StandardOpenOption.APPEND);
    }

    /**
     * The folder as an earlier release left it: outcome lines without record numbers, and the
     * journal of sent batches by line (in this file, record n is on line n).
     */
    private void stagedAsAnEarlierReleaseDid() throws IOException {
        for (String outcomes : new String[] {"success/users.jsonl.jsonl", "error/users.jsonl.jsonl"}) {
            List<String> lines = new ArrayList<>();
            for (String text : Files.readAllLines(folder.resolve(outcomes))) {
                ObjectNode line = (ObjectNode) JSON.readTree(text);
                line.remove("recordNumber");
                lines.add(line.toString());
            }
            Files.write(folder.resolve(outcomes), lines);
        }
        Files.move(folder.resolve("sent-records.journal"), folder.resolve("sent.journal"));
    }

    private Set<Long> outcomeLines(String outcomes) throws IOException {
        return outcomeValues(outcomes, "line", true);
    }

    private Set<Long> outcomeLinesOf(String outcomes) throws IOException {
        return outcomeValues(outcomes, "line", false);
    }

    private Set<Long> outcomeNumbers(String outcomes) throws IOException {
        return outcomeValues(outcomes, "recordNumber", true);
    }

    private Set<Long> outcomeValues(String outcomes, String field, boolean onePerRecord) throws IOException {
        Set<Long> values = new TreeSet<>();
        for (String text : Files.readAllLines(folder.resolve(outcomes))) {
            boolean added = values.add(JSON.readTree(text).get(field).asLong());
            assertTrue(added || !onePerRecord, "one outcome line per record: " + text);
        }
        return values;
    }

    private static Set<Long> numbers(long first, long last) {
        return lineNumbers(first, last, 0);
    }

    private static Set<Long> lineNumbers(long first, long last, long except) {
        Set<Long> lines = new TreeSet<>();
        for (long line = first; line <= last; line++) {
            if (line != except) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String records(int count, int withoutId) {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= count; line++) {
            text.append(line == withoutId ? "{\"id\":\"\"}" : "{\"id\":\"a" + line + "\"}").append('\n');
        }
        return text.toString();
    }
}
