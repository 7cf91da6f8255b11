package dropbridge.record;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the record reader tests share: text as a dropped file's bytes, and every result of a reader. */
final class Readers {

    private Readers() {
    }

    static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads to the end and closes the reader. */
    static List<ReadResult> drain(RecordReader reader) {
        List<ReadResult> results = new ArrayList<>();
        reader.forEachRemaining(results::add);
        reader.close();
        return results;
    }
}
