package dropbridge.record;

import static dropbridge.record.Readers.DEFAULTS;
import static dropbridge.record.Readers.drain;
import static dropbridge.record.Readers.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code .json} file: a JSON array of objects, read one element at a time, or JSON Lines. */
class JsonFileTest {

    private static final String NEITHER = "the file is neither a JSON array of objects nor JSON Lines (one whole object on each line):"
            + " put an object written over several lines inside [ ] or on one line";

    @Test
    void aPrettyPrintedArrayGivesOneRecordPerObjectOnTheLineItStarts() throws Exception {
        String json = """

                [
                  {
                    "user_id": "u1",
                    "tags": ["a]", "{b", [1, {"c": "}"}]],
                    "note": "say \\"hi\\", then ] and , and \\\\"
                  },
                  {"user_id": "u2", "profile": {"plan": "pro", "seats": [1, 2]}},

                  {"user_id": "u3", "price": 7.50}
                ]
                """;

        List<ReadResult> results = drain(RecordFormat.JSON.open(input(json), DEFAULTS, null));

        assertEquals(List.of(3L, 8L, 10L), results.stream().map(ReadResult::line).toList());
        assertTrue(results.stream().allMatch(ReadResult::readable));
        assertEquals("{\"user_id\":\"u1\",\"tags\":[\"a]\",\"{b\",[1,{\"c\":\"}\"}]],\"note\":\"say \\\"hi\\\", then ] and , and \\\\\"}",
                results.get(0).record().fields().toString());
        assertEquals("pro", results.get(1).record().fields().at("/profile/plan").asText());
        assertEquals("7.50", results.get(2).record().fields().get("price").decimalValue().toPlainString());
    }

    @Test
    void aOneLineArrayAndAnEmptyOneAreRead() throws Exception {
        List<ReadResult> results = drain(RecordFormat.JSON.open(input("\uFEFF[{\"a\":1},{\"a\":2}]"), DEFAULTS, null));
        assertEquals(List.of(1L, 1L), results.stream().map(ReadResult::line).toList());
        assertEquals(2, results.get(1).record().fields().get("a").asInt());

        for (String empty : List.of("[]", " [ \r\n ] \n", "", " \n\t\n")) {
            assertEquals(List.of(), drain(RecordFormat.JSON.open(input(empty), DEFAULTS, null)), empty);
        }
    }

    @Test
    void anElementThatIsNoObjectOrNoValidJsonIsUnreadableAndReadingGoesOn() throws Exception {
        String json = "[\n{\"a\":1},\n42,\n\"text, with ] inside\",\n[1, 2],\n{\"a\":},\nnul,\n{\"a\":2}\n]\n";

        List<ReadResult> results = drain(RecordFormat.JSON.open(input(json), DEFAULTS, null));

        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L), results.stream().map(ReadResult::line).toList());
        assertEquals(List.of(true, false, false, false, false, false, true), results.stream().map(ReadResult::readable).toList());
        assertEquals("element is not a JSON object", results.get(1).problem());
        assertEquals("42", results.get(1).raw());
        assertEquals("\"text, with ] inside\"", results.get(2).raw());
        assertEquals("element is not a JSON object", results.get(3).problem());
        assertTrue(results.get(4).problem().startsWith("element is not valid JSON: "), results.get(4).problem());
        assertEquals("{\"a\":}", results.get(4).raw());
        assertTrue(results.get(5).problem().startsWith("element is not valid JSON: "), results.get(5).problem());
        assertEquals(2, results.get(6).record().fields().get("a").asInt());
    }

    @Test
    void anElementLongerThanTheLimitIsUnreadableAndTheNextIsRead() throws Exception {
        String json = "[{\"a\":\"12345\"},\n{\"a\":\"123456\"},\n{\"a\":\"{[\\\"]\"},\n{\"b\":\"" + "x".repeat(500) + "\"}, {\"a\":\"1\"}]";

        List<ReadResult> results = drain(RecordFormat.JSON.open(input(json), ReadOptions.defaults(13), null));

        assertEquals(List.of(1L, 2L, 3L, 4L, 4L), results.stream().map(ReadResult::line).toList());
        assertTrue(results.get(0).readable(), "exactly the limit");
        assertEquals("record longer than 13 characters", results.get(1).problem());
        assertEquals("{\"a\":\"123456\"...", results.get(1).raw(), "the first 13 characters");
        assertEquals("{[\"]", results.get(2).record().fields().get("a").asText(), "brackets and quotes inside a string");
        assertEquals("{\"b\":\"xxxxxxx...", results.get(3).raw());
        assertEquals("1", results.get(4).record().fields().get("a").asText());
    }

    @Test
    void aFiftyMegabyteElementIsSkippedInFlatMemory() throws Exception {
        String chunk = "{\"k\":[\"],{\\\"\"]},".repeat(50);
        long times = 50L * 1024 * 1024 / chunk.length();
        InputStream file = new GeneratedInput()
                .text("[\n{\"a\":1},\n{\"long\":[")
                .repeat(chunk, times)
                .text("0]},\n{\"a\":3}\n]\n");

        List<ReadResult> results = drain(RecordFormat.JSON.open(file, DEFAULTS, null));

        assertEquals(List.of(2L, 3L, 4L), results.stream().map(ReadResult::line).toList());
        OverLongRecordTest.assertOverLong(results.get(1), RecordFormat.DEFAULT_MAX_RECORD_CHARS);
        assertEquals(3, results.get(2).record().fields().get("a").asInt());
    }

    @Test
    void anEndlessArrayIsReadOneElementAtATime() throws Exception {
        InputStream endless = new GeneratedInput().text("[\n").repeat("{\"a\":1},\n", Long.MAX_VALUE);

        RecordReader reader = RecordFormat.JSON.open(endless, DEFAULTS, null);

        for (long line = 2; line < 5; line++) {
            assertEquals(line, reader.next().line());
        }
        reader.close();
    }

    @Test
    void aBrokenArrayMakesTheRestOfTheFileUnreadable() throws Exception {
        assertBroken("[\n{\"a\":1},\n{\"a\":2}\n{\"a\":3}\n]", 2, 4, "`{` where a `,` or the array's closing `]` belongs");
        assertBroken("[\n{\"a\":1}\n]\nmore", 1, 4, "`m` after the array's closing `]`");
        assertBroken("[\n{\"a\":1},\n{\"a\":2}\n", 2, 4, "the file ends before the array's closing `]`");
        assertBroken("[\n{\"a\":1},\n{\"a\":\n[2,\n", 1, 3, "the file ends inside the array's element that starts on line 3");
        assertBroken("[{\"a\":1},]", 1, 1, "`]` where an element belongs");
        assertBroken("[,{\"a\":1}]", 0, 1, "`,` where an element belongs");
    }

    private static void assertBroken(String json, int readable, long brokenLine, String problem) throws Exception {
        RecordReader reader = RecordFormat.JSON.open(input(json), DEFAULTS, null);
        List<ReadResult> results = new ArrayList<>();

        UncheckedIOException broken = assertThrows(UncheckedIOException.class, () -> reader.forEachRemaining(results::add), json);

        assertEquals(readable, results.size(), json);
        assertTrue(results.stream().allMatch(ReadResult::readable), json);
        String expected = "cannot read line " + brokenLine + ": " + (problem.startsWith("the file ends") ? "" : "the JSON array is broken: ") + problem;
        assertEquals(expected, broken.getMessage());
        assertEquals(brokenLine - 1, reader.linesRead(), json);
    }

    @Test
    void aJsonFileOfObjectsOnePerLineIsJsonLines() throws Exception {
        List<ReadResult> results = drain(RecordFormat.JSON.open(input("\n\r\n  {\"a\":1}\r\n{broken\n\n{\"a\":2}\n"), DEFAULTS, null));

        assertEquals(List.of(3L, 4L, 6L), results.stream().map(ReadResult::line).toList());
        assertTrue(results.get(1).problem().startsWith("line is not valid JSON"));
        assertEquals(2, results.get(2).record().fields().get("a").asInt());
    }

    @Test
    void aJsonFileThatIsNeitherIsRefusedWithOneReason() {
        for (String json : List.of("{\n  \"a\": 1\n}\n", "\n{\"a\":\n1}\n{\"a\":2}\n", "\"text\"\n", "42", "a,b\n1,2\n")) {
            BadFileException refused = assertThrows(BadFileException.class, () -> RecordFormat.JSON.open(input(json), DEFAULTS, null), json);
            assertEquals(NEITHER, refused.getMessage());
        }
    }

    @Test
    void aJsonLinesFileIsNotReadAsAnArray() throws Exception {
        List<ReadResult> results = drain(RecordFormat.JSON_LINES.open(input("[{\"a\":1}]\n{\"a\":2}\n"), DEFAULTS, null));

        assertEquals("line is not a JSON object", results.get(0).problem());
        assertTrue(results.get(1).readable());
    }
}
