package dropbridge.record;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the record reader tests share: text as a dropped file's bytes, and every result of a reader. */
final class Readers {

    /** UTF-8, commas, records of at most {@link RecordFormat#DEFAULT_MAX_RECORD_CHARS} characters. */
    static final ReadOptions DEFAULTS = ReadOptions.defaults(RecordFormat.DEFAULT_MAX_RECORD_CHARS);

    private Readers() {
    }

    static InputStream input(String text) {
        return input(text, StandardCharsets.UTF_8);
    }

    static InputStream input(String text, Charset encoding) {
        return new ByteArrayInputStream(text.getBytes(encoding));
    }

    /** Reads to the end and closes the reader. */
    static List<ReadResult> drain(RecordReader reader) {
        List<ReadResult> results = new ArrayList<>();
        reader.forEachRemaining(results::add);
        reader.close();
        return results;
    }
}
