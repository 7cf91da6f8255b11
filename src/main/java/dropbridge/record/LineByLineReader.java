package dropbridge.record;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * A reader for formats with one record per line: blank lines are skipped, a line longer than the
 * limit is an unreadable record, every other line is parsed.
 */
abstract class LineByLineReader implements RecordReader {

    private final BoundedLineReader text;
    private final RecordLimit limit;
    private long lineNumber;
    private BoundedLineReader.Line pending;

    /** @param linesBefore lines of the file before {@code text} starts */
    LineByLineReader(Reader text, RecordLimit limit, long linesBefore) {
        this.text = new BoundedLineReader(text, limit.maxChars());
        this.limit = limit;
        this.lineNumber = linesBefore;
    }

    abstract ReadResult parse(long line, String text);

    @Override
    public boolean hasNext() {
        try {
            while (pending == null) {
                BoundedLineReader.Line line = text.readLine();
                if (line == null) {
                    return false;
                }
                lineNumber++;
                if (line.tooLong() || !line.text().isBlank()) {
                    pending = line;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
    }

    /** The next record's line, read but left for {@link #next()}; null at the end of the text. */
    BoundedLineReader.Line peek() {
        return hasNext() ? pending : null;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BoundedLineReader.Line line = pending;
        pending = null;
        return line.tooLong() ? limit.tooLong(lineNumber, line.text()) : parse(lineNumber, line.text());
    }

    @Override
    public long linesRead() {
        return lineNumber;
    }

    @Override
    public void close() {
        try {
            text.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
