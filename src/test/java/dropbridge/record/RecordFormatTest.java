package dropbridge.record;

import static dropbridge.record.Readers.DEFAULTS;
import static dropbridge.record.Readers.drain;
import static dropbridge.record.Readers.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    @Test
    void formatFollowsTheExtensionIgnoringCase() {
        assertEquals(Optional.of(RecordFormat.CSV), RecordFormat.of("Users.CSV"));
        assertEquals(Optional.of(RecordFormat.JSON_LINES), RecordFormat.of("events.ndjson"));
        assertEquals(Optional.of(RecordFormat.JSON_LINES), RecordFormat.of("events.jsonl"));
        assertEquals(Optional.of(RecordFormat.JSON), RecordFormat.of("events.JSON"));
        assertEquals(Optional.of(RecordFormat.LINES), RecordFormat.of("ids.txt"));
        assertEquals(Optional.empty(), RecordFormat.of("users.xlsx"));
    }

    @Test
    void csvRecordsKeepTheLineTheyStartOn() throws Exception {
        List<ReadResult> results = read(RecordFormat.CSV, "id,note\n1,a\n2,\"two\nlines\"\n\n3,c");

        assertEquals(List.of(2L, 3L, 6L), results.stream().map(ReadResult::line).toList());
        assertEquals("two\nlines", results.get(1).record().fields().get("note").asText());
        assertEquals("c", results.get(2).record().fields().get("note").asText(), "last row without a line break");
    }

    @Test
    void csvWithCrlfAndAByteOrderMarkKeepsItsStartLines() throws Exception {
        List<ReadResult> results = read(RecordFormat.CSV, "\uFEFFid,note\r\n1,a\r\n2,\"two\r\nlines\"\r\n\r\n3,c\r\n");

        assertEquals(List.of(2L, 3L, 6L), results.stream().map(ReadResult::line).toList());
        assertEquals("id", results.get(0).record().fields().fieldNames().next(), "byte order mark dropped");
        assertEquals("two\r\nlines", results.get(1).record().fields().get("note").asText());
    }

    @Test
    void csvWithTenThousandColumnsIsRead() throws Exception {
        StringBuilder csv = new StringBuilder("user_id");
        for (int i = 1; i < 10_000; i++) {
            csv.append(",c").append(i);
        }
        csv.append('\n').append("1").append(",x".repeat(9_999)).append('\n');

        List<ReadResult> results = read(RecordFormat.CSV, csv.toString());

        assertEquals(10_000, results.get(0).record().fields().size());
        assertEquals("x", results.get(0).record().fields().get("c9999").asText());
    }

    @Test
    void csvRowWithTheWrongNumberOfCellsIsAnUnreadableRecordAndReadingGoesOn() throws Exception {
        List<ReadResult> results = read(RecordFormat.CSV, "id,note\n1,a,extra\n2,b\n");

        assertFalse(results.get(0).readable());
        assertEquals("row has 3 cells but the header names 2 columns", results.get(0).problem());
        assertEquals("1,a,extra", results.get(0).raw());
        assertTrue(results.get(1).readable());
    }

    @Test
    void csvColumnsAreTheHeaderNamesAndAFileWithoutHeaderIsBad() throws Exception {
        assertEquals(List.of("id", "plan"), open(RecordFormat.CSV, "id,plan\n1,a\n").columns());
        assertEquals(List.of(), open(RecordFormat.JSON_LINES, "{\"id\":1}\n").columns());
        BadFileException empty = assertThrows(BadFileException.class, () -> open(RecordFormat.CSV, ""));
        assertTrue(empty.getMessage().contains("no header row"), empty.getMessage());
    }

    @Test
    void unterminatedQuoteStopsReadingWithAReason() throws Exception {
        RecordReader reader = open(RecordFormat.CSV, "user_id,note\n1,ok\n2,\"never closed\n3,x\n");
        assertTrue(reader.hasNext());
        reader.next();
        UncheckedIOException broken = assertThrows(UncheckedIOException.class, reader::hasNext);
        assertTrue(broken.getMessage().contains("EOF"), broken.getMessage());
        assertEquals(2, reader.linesRead());
    }

    @Test
    void binaryFilesAreRefusedAsNotUtf8() {
        byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00};
        BadFileException notText = assertThrows(BadFileException.class,
                () -> RecordFormat.CSV.open(new ByteArrayInputStream(gzip), DEFAULTS, null));
        assertTrue(notText.getMessage().startsWith("the file is not valid UTF-8 text (byte 0x8B at offset 1 cannot be decoded)"),
                notText.getMessage());
    }

    @Test
    void jsonLinesSkipBlankLinesAndReportBrokenOnes() throws Exception {
        List<ReadResult> results = read(RecordFormat.JSON_LINES, "{\"a\":1}\n\n[1,2]\n{broken\n{\"b\":2.50}\n");

        assertEquals(List.of(1L, 3L, 4L, 5L), results.stream().map(ReadResult::line).toList());
        assertEquals("line is not a JSON object", results.get(1).problem());
        assertTrue(results.get(2).problem().startsWith("line is not valid JSON"));
        assertEquals("2.50", results.get(3).record().fields().get("b").decimalValue().toPlainString());
    }

    @Test
    void linesAreTrimmedIntoTheNamedField() throws Exception {
        RecordReader reader = RecordFormat.LINES.open(input("\uFEFF 42 \r\n\r\n7\n"), DEFAULTS, "euid");
        List<ReadResult> results = drain(reader);

        assertEquals("42", results.get(0).record().fields().get("euid").asText(), "BOM and spaces dropped");
        assertEquals(3L, results.get(1).line());
    }

    private static List<ReadResult> read(RecordFormat format, String text) throws Exception {
        return drain(open(format, text));
    }

    private static RecordReader open(RecordFormat format, String text) throws IOException, BadFileException {
        return format.open(input(text), DEFAULTS, "value");
    }
}
