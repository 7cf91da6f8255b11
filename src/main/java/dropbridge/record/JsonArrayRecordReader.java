package dropbridge.record;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * A JSON array of objects, one record per top-level element, on the line where the element
 * starts. The array is read one element at a time (see {@link JsonArraySplitter}); an element
 * that is not a JSON object, or longer than the limit, is an unreadable record and reading goes on.
 */
final class JsonArrayRecordReader extends ReadAheadReader {

    private final JsonArraySplitter elements;
    private final RecordLimit limit;

    /**
     * @param text the text after the array's opening {@code [}
     * @param line the line of the opening {@code [}
     */
    JsonArrayRecordReader(Reader text, RecordLimit limit, long line) {
        this.elements = new JsonArraySplitter(text, limit.maxChars(), line);
        this.limit = limit;
    }

    @Override
    ReadResult readNext() {
        try {
            JsonArraySplitter.Element element = elements.next();
            if (element == null) {
                return null;
            }
            return element.tooLong()
                    ? limit.tooLong(element.line(), element.text())
                    : JsonObjects.read(element.line(), element.text(), "element");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read line " + (elements.linesRead() + 1) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long linesRead() {
        return elements.linesRead();
    }

    @Override
    public void close() {
        try {
            elements.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
