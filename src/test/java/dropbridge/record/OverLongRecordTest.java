package dropbridge.record;

import static dropbridge.record.Readers.DEFAULTS;
import static dropbridge.record.Readers.drain;
import static dropbridge.record.Readers.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A record longer than the limit is an unreadable record; reading goes on after it in flat memory. */
class OverLongRecordTest {

    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final String CHUNK = "0123456789".repeat(100);

    @ParameterizedTest
    @EnumSource(value = RecordFormat.class, names = {"JSON_LINES", "JSON", "LINES"})
    void aFiftyMegabyteLineIsOneUnreadableRecordAndTheNextLineIsRead(RecordFormat format) throws Exception {
        InputStream file = new GeneratedInput()
                .text(format == RecordFormat.LINES ? "1\n" : "{\"euid\":1}\n")
                .text(format == RecordFormat.LINES ? "" : "{\"euid\":\"")
                .repeat(CHUNK, FIFTY_MB / CHUNK.length())
                .text(format == RecordFormat.LINES ? "\n" : "\"}\n")
                .text(format == RecordFormat.LINES ? "3\n" : "{\"euid\":3}\n");

        List<ReadResult> results = drain(format.open(file, DEFAULTS, "euid"));

        assertEquals(List.of(1L, 2L, 3L), results.stream().map(ReadResult::line).toList());
        assertTrue(results.get(0).readable());
        assertOverLong(results.get(1), RecordFormat.DEFAULT_MAX_RECORD_CHARS);
        assertEquals("3", results.get(2).record().fields().get("euid").asText());
    }

    @Test
    void aFiftyMegabyteCsvRowIsOneUnreadableRecordAndTheNextRowIsRead() throws Exception {
        InputStream file = new GeneratedInput()
                .text("user_id,note\n1,a\n2,")
                .repeat(CHUNK, FIFTY_MB / CHUNK.length())
                .text("\n3,c\n");

        List<ReadResult> results = drain(RecordFormat.CSV.open(file, DEFAULTS, null));

        assertEquals(List.of(2L, 3L, 4L), results.stream().map(ReadResult::line).toList());
        assertOverLong(results.get(1), RecordFormat.DEFAULT_MAX_RECORD_CHARS);
        assertEquals("2," + CHUNK.substring(0, RecordLimit.SHOWN_CHARS - 2) + "...", results.get(1).raw());
        assertEquals("3", results.get(2).record().fields().get("user_id").asText());
    }

    @Test
    void aFiftyMegabyteQuotedValueSpanningLinesIsSkippedToItsClosingQuote() throws Exception {
        String quotedLine = "a,b\"\"c\r\n".repeat(100);
        long repeats = FIFTY_MB / quotedLine.length();
        InputStream file = new GeneratedInput()
                .text("user_id,note\r\n1,a\r\n2,\"")
                .repeat(quotedLine, repeats)
                .text("end\"\r\n3,\"c\r\nd\"\r\n");

        RecordReader reader = RecordFormat.CSV.open(file, DEFAULTS, null);
        List<ReadResult> results = drain(reader);

        long linesOfLongRow = repeats * 100 + 1;
        assertEquals(List.of(2L, 3L, 3 + linesOfLongRow), results.stream().map(ReadResult::line).toList());
        assertOverLong(results.get(1), RecordFormat.DEFAULT_MAX_RECORD_CHARS);
        assertEquals("c\r\nd", results.get(2).record().fields().get("note").asText());
        assertEquals(4 + linesOfLongRow, reader.linesRead());
    }

    @Test
    void aCsvRowOfExactlyTheLimitIsReadAndOneMoreCharacterIsTooLong() throws Exception {
        String csv = """
                id,note
                1,abcdefgh
                2,abcdefghi
                3,"a
                bcde"
                4,"a
                bcdef"
                5,x"y",z""\"
                6,x
                """;

        List<ReadResult> results = drain(RecordFormat.CSV.open(input(csv), ReadOptions.defaults(10), null));

        assertEquals(List.of(2L, 3L, 4L, 6L, 8L, 9L), results.stream().map(ReadResult::line).toList());
        assertEquals(List.of(true, false, true, false, false, true), results.stream().map(ReadResult::readable).toList());
        assertEquals("a\nbcde", results.get(2).record().fields().get("note").asText());
        assertEquals("2,abcdefghi...", results.get(1).raw());
        assertEquals("4,\"a\nbcdef\"...", results.get(3).raw(), "the line break inside quotes belongs to the row");
        assertEquals("record longer than 10 characters", results.get(4).problem(), "a quote inside an unquoted value is a character");
    }

    @Test
    void anOverLongLastRowEndsTheFileEvenWithoutItsClosingQuote() throws Exception {
        for (String last : List.of("2,abcdefghijk", "2,\"abcdefghijk\nlmn")) {
            RecordReader reader = RecordFormat.CSV.open(input("id,note\n1,a\n" + last), ReadOptions.defaults(10), null);
            List<ReadResult> results = drain(reader);

            assertEquals(List.of(2L, 3L), results.stream().map(ReadResult::line).toList());
            assertEquals("record longer than 10 characters", results.get(1).problem());
            assertEquals(last.contains("\n") ? 4 : 3, reader.linesRead());
        }
    }

    @Test
    void aCsvHeaderLongerThanTheLimitMakesABadFile() {
        BadFileException bad = assertThrows(BadFileException.class,
                () -> RecordFormat.CSV.open(input("id,a_long_column\n1,a\n"), ReadOptions.defaults(10), null));
        assertEquals("CSV header row is longer than 10 characters", bad.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = RecordFormat.class, names = {"JSON_LINES", "JSON", "LINES"})
    void aLineOfExactlyTheLimitIsReadAndOneMoreCharacterIsTooLong(RecordFormat format) throws Exception {
        String fits = format == RecordFormat.LINES ? "0123456789" : "{\"v\":\"45\"}";
        String tooLong = format == RecordFormat.LINES ? "0123456789a" : "{\"v\":\"456\"}";

        List<ReadResult> results = drain(format.open(input(fits + "\r\n" + tooLong + "\r\n\r\n" + fits), ReadOptions.defaults(10), "v"));

        assertEquals(List.of(1L, 2L, 4L), results.stream().map(ReadResult::line).toList());
        assertTrue(results.get(0).readable());
        assertFalse(results.get(1).readable());
        assertEquals(tooLong + "...", results.get(1).raw());
        assertEquals("record longer than 10 characters", results.get(1).problem());
        assertTrue(results.get(2).readable());
    }

    @Test
    void aLongRunOfBlankCharactersIsTooLongRatherThanSkipped() throws Exception {
        List<ReadResult> results = drain(RecordFormat.LINES.open(input(" ".repeat(11) + "\n7\n"), ReadOptions.defaults(10), "v"));

        assertEquals("record longer than 10 characters", results.get(0).problem());
        assertEquals(2L, results.get(1).line());
    }

    static void assertOverLong(ReadResult result, int limit) {
        assertFalse(result.readable());
        assertEquals("record longer than " + limit + " characters", result.problem());
        assertEquals(RecordLimit.SHOWN_CHARS + 3, result.raw().length());
        assertTrue(result.raw().endsWith("..."), result.raw());
    }
}
