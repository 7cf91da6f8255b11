package dropbridge.record;

import static dropbridge.record.Readers.DEFAULTS;
import static dropbridge.record.Readers.drain;
import static dropbridge.record.Readers.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoding a file is read in, a byte order mark over the drop's, and the check of its start. */
class DroppedTextTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String CHINESE_CSV = "user_id;\u59d3\u540d;\u5957\u9910\n1;\u5f20\u4e09;\u9ad8\u7ea7\u7248\n2;\u674e\u56db;\u514d\u8d39\n";

    @Test
    void gbkWithSemicolonsIsReadExactlyInAGbkDrop() throws Exception {
        List<ReadResult> results = drain(RecordFormat.CSV.open(input(CHINESE_CSV, GBK), ReadOptions.of("GBK", ";", 1000), null));

        assertEquals(2, results.size());
        assertEquals("{\"user_id\":\"1\",\"\u59d3\u540d\":\"\u5f20\u4e09\",\"\u5957\u9910\":\"\u9ad8\u7ea7\u7248\"}",
                results.get(0).record().fields().toString());
        assertEquals("\u514d\u8d39", results.get(1).record().fields().get("\u5957\u9910").asText());
    }

    @Test
    void aUtf16LeByteOrderMarkWinsOverAUtf8Drop() throws Exception {
        String text = "\uFEFFuser_id\t\u540d\r\n1\t\u5f20\u4e09\r\n";
        RecordReader reader = RecordFormat.CSV.open(input(text, StandardCharsets.UTF_16LE), ReadOptions.of("UTF-8", "\\t", 1000), null);

        assertEquals(List.of("user_id", "\u540d"), reader.columns(), "the mark is dropped");
        List<ReadResult> results = drain(reader);
        assertEquals(2L, results.get(0).line());
        assertEquals("\u5f20\u4e09", results.get(0).record().fields().get("\u540d").asText());
    }

    @Test
    void aUtf16BeByteOrderMarkWinsOverAGbkDrop() throws Exception {
        byte[] file = "\uFEFF{\"euid\":\"\u5f20\"}\n".getBytes(StandardCharsets.UTF_16BE);

        List<ReadResult> results = drain(RecordFormat.JSON_LINES.open(new ByteArrayInputStream(file), ReadOptions.of("GBK", null, 1000), null));

        assertEquals("\u5f20", results.get(0).record().fields().get("euid").asText());
    }

    @Test
    void aUtf8ByteOrderMarkWinsOverAGbkDrop() throws Exception {
        List<ReadResult> results = drain(RecordFormat.LINES.open(input("\uFEFF\u5f20\u4e09\n"), ReadOptions.of("GBK", null, 1000), "name"));

        assertEquals("\u5f20\u4e09", results.get(0).record().fields().get("name").asText());
    }

    @Test
    void aGbkFileInAUtf8DropIsRefusedBeforeAnyRecordWithWhatToSet() {
        BadFileException refused = assertThrows(BadFileException.class, () -> RecordFormat.CSV.open(input(CHINESE_CSV, GBK), DEFAULTS, null));

        assertEquals("the file is not valid UTF-8 text (byte 0xD0 at offset 8 cannot be decoded):"
                + " an Excel export in GBK needs `encoding: GBK` on its drop (GB18030 for rarer characters);"
                + " a \"Unicode text\" export is UTF-16 and is recognised by its byte order mark", refused.getMessage());
    }

    @Test
    void aFileNotInTheDropsOtherEncodingIsRefusedSayingToSetItsOwn() {
        byte[] notGbk = {'a', ',', (byte) 0x81, '\n'};
        BadFileException refused = assertThrows(BadFileException.class,
                () -> RecordFormat.CSV.open(new ByteArrayInputStream(notGbk), ReadOptions.of("GBK", null, 1000), null));

        assertTrue(refused.getMessage().startsWith("the file is not valid GBK text (byte 0x81 at offset 2 cannot be decoded): set `encoding`"),
                refused.getMessage());
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRefusedSayingWhichToSet() {
        BadFileException little = assertThrows(BadFileException.class,
                () -> RecordFormat.CSV.open(input("user_id,\u540d\n1,\u5f20\n", StandardCharsets.UTF_16LE), DEFAULTS, null));
        assertEquals("the file holds NUL bytes (the first at offset 1), as UTF-16 text without a byte order mark does:"
                + " set `encoding: UTF-16LE` on the drop (or `encoding: UTF-16BE`)", little.getMessage());

        BadFileException big = assertThrows(BadFileException.class,
                () -> RecordFormat.LINES.open(input("42\n", StandardCharsets.UTF_16BE), ReadOptions.of("GB18030", null, 1000), "v"));
        assertTrue(big.getMessage().contains("(the first at offset 0)") && big.getMessage().contains("set `encoding: UTF-16BE`"), big.getMessage());
    }

    @Test
    void utf16WithoutAByteOrderMarkIsReadInAUtf16Drop() throws Exception {
        List<ReadResult> results = drain(RecordFormat.CSV.open(input("user_id,\u540d\n1,\u5f20\n", StandardCharsets.UTF_16LE),
                ReadOptions.of("UTF-16LE", null, 1000), null));

        assertEquals("\u5f20", results.get(0).record().fields().get("\u540d").asText());
    }

    @Test
    void aGbkFileBrokenPastItsCheckedStartIsReadUpToTheBrokenLine() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("user_id;\u59d3\u540d\n".getBytes(GBK));
        int rows = 0;
        while (file.size() <= DroppedText.CHECKED_BYTES) {
            file.writeBytes((++rows + ";\u5f20\u4e09\n").getBytes(GBK));
        }
        file.writeBytes(new byte[] {'x', ';', (byte) 0xFF, '\n'});
        RecordReader reader = RecordFormat.CSV.open(new ByteArrayInputStream(file.toByteArray()), ReadOptions.of("GBK", ";", 1000), null);
        List<ReadResult> results = new ArrayList<>();

        UncheckedIOException stopped = assertThrows(UncheckedIOException.class, () -> reader.forEachRemaining(results::add));

        assertEquals(rows, results.size());
        assertEquals("\u5f20\u4e09", results.get(rows - 1).record().fields().get("\u59d3\u540d").asText());
        assertEquals("cannot read line " + (rows + 2) + ": the file is not valid GBK text: byte 0xFF at offset " + (file.size() - 2)
                + " cannot be decoded", stopped.getMessage());
    }
}
