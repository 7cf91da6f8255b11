package dropbridge.record;

import static dropbridge.record.Readers.DEFAULTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file that cannot be read past some line after its checked start still yields every record
 * before that line; within the checked start, the file is refused before any record is read.
 */
class ExactStopLineTest {

    private static final int NOT_UTF8 = 0xFF;

    @ParameterizedTest
    @EnumSource(RecordFormat.class)
    void everyRecordBeforeAnInvalidBytePastTheCheckedStartIsRead(RecordFormat format) throws Exception {
        int badLine = 20_001;
        byte[] file = fileWithInvalidByteOnLine(badLine, format);
        assertTrue(file.length - 10 > DroppedText.CHECKED_BYTES, "the bad byte lies past the checked start");
        RecordReader reader = format.open(new ByteArrayInputStream(file), DEFAULTS, "user_id");
        List<ReadResult> results = new ArrayList<>();
        UncheckedIOException stopped = assertThrows(UncheckedIOException.class, () -> reader.forEachRemaining(results::add));

        int firstRecordLine = format == RecordFormat.CSV || format == RecordFormat.JSON ? 2 : 1;
        assertEquals(badLine - firstRecordLine, results.size());
        assertTrue(results.stream().allMatch(ReadResult::readable));
        assertEquals(badLine - 1, results.get(results.size() - 1).line());
        assertEquals(badLine - 1, reader.linesRead());
        assertTrue(stopped.getMessage().contains("line " + badLine), stopped.getMessage());
        assertTrue(stopped.getCause().getMessage().contains("not valid UTF-8"), stopped.getCause().getMessage());
        reader.close();
    }

    @ParameterizedTest
    @EnumSource(RecordFormat.class)
    void anInvalidByteOnLine3IsRefusedBeforeAnyRecordIsRead(RecordFormat format) {
        BadFileException refused = assertThrows(BadFileException.class,
                () -> format.open(new ByteArrayInputStream(fileWithInvalidByteOnLine(3, format)), DEFAULTS, "user_id"));
        assertTrue(refused.getMessage().startsWith("the file is not valid UTF-8 text (byte 0xFF at offset "), refused.getMessage());
    }

    /** A JSON file is an array of objects, one a line after its opening bracket. */
    private static byte[] fileWithInvalidByteOnLine(int badLine, RecordFormat format) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int line = 1; line < badLine; line++) {
            file.writeBytes(line(line, format).getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes(line(badLine, format).substring(0, 2).getBytes(StandardCharsets.UTF_8));
        file.write(NOT_UTF8);
        file.writeBytes("tail\n".getBytes(StandardCharsets.UTF_8));
        return file.toByteArray();
    }

    private static String line(int number, RecordFormat format) {
        return switch (format) {
            case CSV -> number == 1 ? "user_id,name\n" : "u" + number + ",name " + number + "\n";
            case JSON_LINES -> "{\"user_id\":\"u" + number + "\"}\n";
            case JSON -> number == 1 ? "[\n" : "{\"user_id\":\"u" + number + "\"},\n";
            case LINES -> "u" + number + "\n";
        };
    }
}
