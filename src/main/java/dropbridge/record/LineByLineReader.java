package dropbridge.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/** A reader for formats with one record per line: blank lines are skipped, every other line is parsed. */
abstract class LineByLineReader implements RecordReader {

    private final BufferedReader text;
    private long lineNumber;
    private String pending;

    LineByLineReader(BufferedReader text) {
        this.text = text;
    }

    abstract ReadResult parse(long line, String text);

    @Override
    public boolean hasNext() {
        try {
            while (pending == null) {
                String line = text.readLine();
                if (line == null) {
                    return false;
                }
                lineNumber++;
                if (!line.isBlank()) {
                    pending = line;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = pending;
        pending = null;
        return parse(lineNumber, line);
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
