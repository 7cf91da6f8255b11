package dropbridge.record;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes CSV text on to the parser, but never more than the limit of one record: the parser
 * holds a whole record in memory, so an over-long one must be stopped before it reaches it.
 *
 * <p>To know where records end, the limiter follows the text as commons-csv reads RFC 4180: a
 * value that starts with a quote (at the record's start or after the delimiter) runs to its
 * closing quote ({@code ""} inside it is one quote), line breaks included; a line break (LF, CR
 * or CRLF) anywhere else ends the record. When a
 * record reaches the limit, the limiter stops passing characters and reads on, with that same
 * rule, to the record's end: the first line break outside a quoted value, counting quotes from
 * the record's first character (or the end of the file). It then fails the parser's next read
 * with {@link TooLong}; the read after that starts on the next record. A record is its characters
 * up to, not including, the line break that ends it.
 */
final class CsvRecordLimiter extends Reader {

    /** The record being read is longer than the limit; the limiter has skipped to its end. */
    static final class TooLong extends IOException {

        private final String beginning;

        TooLong(String beginning) {
            super("record longer than the limit");
            this.beginning = beginning;
        }

        String beginning() {
            return beginning;
        }
    }

    private enum Place { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final TextBuffer text;
    private final int maxChars;
    private final char delimiter;
    private Place place = Place.FIELD_START;
    private int recordLength;
    private final StringBuilder beginning = new StringBuilder();
    private boolean overLong;
    private boolean skipLineFeed;
    private int lastChar = -1;
    private long linesEnded;

    CsvRecordLimiter(Reader in, int maxChars, char delimiter) {
        this.text = new TextBuffer(in);
        this.maxChars = maxChars;
        this.delimiter = delimiter;
    }

    /** Lines ended so far, counted as commons-csv counts them: CR, LF and CRLF end one line each. */
    long linesEnded() {
        return linesEnded;
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (overLong) {
            throw skipRestOfRecord();
        }
        if (skipLineFeed) {
            skipLineFeed = false;
            if (text.fill() && text.chars[text.position] == '\n') {
                text.position++;
                lastChar = '\n';
            }
        }
        if (!text.fill()) {
            return -1;
        }
        char[] chars = text.chars;
        int start = text.position;
        int end = Math.min(text.end, start + length);
        int recordStart = start;
        int at = start;
        while (at < end) {
            char c = chars[at];
            if (recordLength == maxChars && !endsRecord(c)) {
                overLong = true;
                break;
            }
            at++;
            if (follow(c)) {
                startRecord();
                recordStart = at;
            }
        }
        int count = at - start;
        System.arraycopy(chars, start, into, offset, count);
        text.position = at;
        keepBeginning(recordStart, at);
        if (count == 0) {
            throw skipRestOfRecord();
        }
        return count;
    }

    private TooLong skipRestOfRecord() throws IOException {
        boolean ended = false;
        while (!ended && text.fill()) {
            char c = text.chars[text.position++];
            ended = follow(c);
            skipLineFeed = ended && c == '\r';
            if (!ended) {
                keepBeginning(text.position - 1, text.position);
            }
        }
        if (!ended && lastChar != '\r' && lastChar != '\n') {
            linesEnded++;
        }
        TooLong tooLong = new TooLong(beginning.toString());
        startRecord();
        overLong = false;
        return tooLong;
    }

    /** Moves on by one character; true when it ends the record. */
    private boolean follow(char c) {
        if (c > '"' && c != delimiter) {
            // the common case first: neither a line break, a quote nor the delimiter
            lastChar = c;
            recordLength++;
            if (place != Place.QUOTED) {
                place = Place.UNQUOTED;
            }
            return false;
        }
        if (c == '\r' || c == '\n' && lastChar != '\r') {
            linesEnded++;
        }
        lastChar = c;
        if (endsRecord(c)) {
            return true;
        }
        recordLength++;
        place = switch (place) {
            case QUOTED -> c == '"' ? Place.QUOTE_IN_QUOTED : Place.QUOTED;
            case FIELD_START, QUOTE_IN_QUOTED -> c == '"' ? Place.QUOTED : c == delimiter ? Place.FIELD_START : Place.UNQUOTED;
            case UNQUOTED -> c == delimiter ? Place.FIELD_START : Place.UNQUOTED;
        };
        return false;
    }

    /**
     * Keeps the record's characters at {@code from} to {@code to} of the text buffer as far as its
     * beginning, shown when it is too long, still has room: copied once per read, not character
     * by character, since nearly every record ends well within the limit.
     */
    private void keepBeginning(int from, int to) {
        int room = RecordLimit.SHOWN_CHARS - beginning.length();
        if (room > 0 && to > from) {
            beginning.append(text.chars, from, Math.min(room, to - from));
        }
    }

    private boolean endsRecord(char c) {
        return place != Place.QUOTED && (c == '\n' || c == '\r');
    }

    private void startRecord() {
        place = Place.FIELD_START;
        recordLength = 0;
        beginning.setLength(0);
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
