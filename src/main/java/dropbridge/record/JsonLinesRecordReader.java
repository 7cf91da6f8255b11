package dropbridge.record;

import java.io.Reader;

/** JSON Lines: one JSON object per line; any other line is a read error for that line only. */
final class JsonLinesRecordReader extends LineByLineReader {

    /** @param linesBefore lines of the file before {@code text} starts */
    JsonLinesRecordReader(Reader text, RecordLimit limit, long linesBefore) {
        super(text, limit, linesBefore);
    }

    /** False when the first line is no whole JSON object though short enough to read, as the first line of a pretty-printed one. */
    boolean startsWithAnObject() {
        BoundedLineReader.Line first = peek();
        return first == null || first.tooLong() || parse(0, first.text()).readable();
    }

    @Override
    ReadResult parse(long line, String text) {
        return JsonObjects.read(line, text, "line");
    }
}
