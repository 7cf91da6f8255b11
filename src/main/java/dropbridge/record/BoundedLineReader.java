package dropbridge.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Physical lines ended by LF, CR or CRLF, like {@link java.io.BufferedReader#readLine()}, except
 * that a line longer than the limit is read through to its end keeping only its beginning: memory
 * stays within the limit however long the line is.
 */
final class BoundedLineReader implements Closeable {

    /** A whole line, or only the beginning of a line longer than the limit. */
    record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int end;
    private boolean afterCarriageReturn;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the text. */
    Line readLine() throws IOException {
        // The LF of a CRLF is skipped only now, never looked for ahead, so that a read error
        // after a line cannot take that line with it.
        if (afterCarriageReturn && fill() && buffer[position] == '\n') {
            position++;
        }
        afterCarriageReturn = false;
        if (!fill()) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        boolean tooLong = false;
        while (fill()) {
            int start = position;
            while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int count = position - start;
            if (!tooLong && kept.length() + count > maxChars) {
                tooLong = true;
                kept.append(buffer, start, Math.max(0, Math.min(count, RecordLimit.SHOWN_CHARS - kept.length())));
                kept.setLength(Math.min(kept.length(), RecordLimit.SHOWN_CHARS));
            } else if (!tooLong) {
                kept.append(buffer, start, count);
            }
            if (position < end) {
                afterCarriageReturn = buffer[position++] == '\r';
                break;
            }
        }
        return new Line(kept.toString(), tooLong);
    }

    private boolean fill() throws IOException {
        while (position == end) {
            int count = in.read(buffer, 0, buffer.length);
            if (count < 0) {
                return false;
            }
            position = 0;
            end = count;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
