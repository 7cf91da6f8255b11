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

    private final TextBuffer text;
    private final int maxChars;
    private boolean afterCarriageReturn;

    BoundedLineReader(Reader in, int maxChars) {
        this.text = new TextBuffer(in);
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the text. */
    Line readLine() throws IOException {
        // The LF of a CRLF is skipped only now, never looked for ahead, so that a read error
        // after a line cannot take that line with it.
        if (afterCarriageReturn && text.fill() && text.chars[text.position] == '\n') {
            text.position++;
        }
        afterCarriageReturn = false;
        if (!text.fill()) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        boolean tooLong = false;
        while (text.fill()) {
            int start = text.position;
            while (text.position < text.end && text.chars[text.position] != '\n' && text.chars[text.position] != '\r') {
                text.position++;
            }
            int count = text.position - start;
            if (!tooLong && kept.length() + count > maxChars) {
                tooLong = true;
                kept.append(text.chars, start, Math.max(0, Math.min(count, RecordLimit.SHOWN_CHARS - kept.length())));
                kept.setLength(Math.min(kept.length(), RecordLimit.SHOWN_CHARS));
            } else if (!tooLong) {
                kept.append(text.chars, start, count);
            }
            if (text.position < text.end) {
                afterCarriageReturn = text.chars[text.position++] == '\r';
                break;
            }
        }
        return new Line(kept.toString(), tooLong);
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
