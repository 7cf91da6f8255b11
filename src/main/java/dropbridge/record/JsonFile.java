package dropbridge.record;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * A {@code .json} file, read as what its first non-blank character says it holds: {@code [} a
 * JSON array of objects, <code>&#123;</code> JSON Lines; a blank file holds no records. Anything
 * else, such as one object written over several lines, is refused as a whole, rather than read
 * as one unreadable record per line.
 */
final class JsonFile {

    private static final String NEITHER = "the file is neither a JSON array of objects nor JSON Lines (one whole object on each line):"
            + " put an object written over several lines inside [ ] or on one line";

    private JsonFile() {
    }

    static RecordReader open(Reader text, RecordLimit limit) throws IOException, BadFileException {
        PushbackReader in = new PushbackReader(text);
        long linesBefore = 0;
        int previous = -1;
        int c = in.read();
        while (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (c == '\r' || c == '\n' && previous != '\r') {
                linesBefore++;
            }
            previous = c;
            c = in.read();
        }
        return switch (c) {
            case '[' -> new JsonArrayRecordReader(in, limit, linesBefore + 1);
            case '{' -> {
                in.unread(c);
                yield jsonLines(in, limit, linesBefore);
            }
            case -1 -> new JsonLinesRecordReader(in, limit, linesBefore);
            default -> throw new BadFileException(NEITHER);
        };
    }

    private static JsonLinesRecordReader jsonLines(Reader text, RecordLimit limit, long linesBefore) throws IOException, BadFileException {
        JsonLinesRecordReader lines = new JsonLinesRecordReader(text, limit, linesBefore);
        try {
            if (!lines.startsWithAnObject()) {
                throw new BadFileException(NEITHER);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return lines;
    }
}
