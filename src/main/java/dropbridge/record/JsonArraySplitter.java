package dropbridge.record;

import java.io.IOException;
import java.io.Reader;

/**
 * The top-level elements of a JSON array, one element's text at a time and never more than the
 * limit of one record, so that the array is read in flat memory however long it is.
 *
 * <p>To know where an element ends, the splitter follows the text as JSON writes it: an element
 * that starts with <code>&#123;</code> or {@code [} runs to the bracket that closes it, counting the
 * brackets nested inside and passing over strings (a {@code \"} inside a string is no closing
 * quote); one that starts with a quote runs to its closing quote; any other runs to the next
 * blank, {@code ,} or {@code ]}. Whether the element is valid JSON is left to its parser. An
 * element longer than the limit is read on to its end keeping only its beginning. Anything but
 * blanks and one {@code ,} between elements, or anything after the closing {@code ]}, is an
 * {@link IOException}: the array's structure is broken, and the rest of the file cannot be read.
 */
final class JsonArraySplitter {

    /** A whole element, or only the beginning of an element longer than the limit. */
    record Element(long line, String text, boolean tooLong) {
    }

    private enum Place { BEFORE_FIRST, AFTER_ELEMENT, AFTER_COMMA, ENDED }

    private final TextBuffer text;
    private final int maxChars;
    private Place place = Place.BEFORE_FIRST;
    private long linesEnded;
    private boolean afterCarriageReturn;
    private long elementLine;
    private boolean inElement;

    /**
     * @param in   the text after the array's opening {@code [}
     * @param line the line of the opening {@code [}
     */
    JsonArraySplitter(Reader in, int maxChars, long line) {
        this.text = new TextBuffer(in);
        this.maxChars = maxChars;
        this.linesEnded = line - 1;
    }

    /** Lines before the element being read, or every line ended between elements: where an unreadable rest begins. */
    long linesRead() {
        return inElement ? elementLine - 1 : linesEnded;
    }

    /** The next element, or null after the array's closing bracket. */
    Element next() throws IOException {
        if (place == Place.ENDED) {
            return null;
        }
        if (place == Place.AFTER_ELEMENT) {
            int c = nextNonBlank();
            if (c == ']') {
                endArray();
                return null;
            }
            if (c != ',') {
                throw broken(c, "where a `,` or the array's closing `]` belongs");
            }
            take();
            place = Place.AFTER_COMMA;
        }
        int c = nextNonBlank();
        if (c == ']' && place == Place.BEFORE_FIRST) {
            endArray();
            return null;
        }
        if (c == ']' || c == ',' || c < 0) {
            throw broken(c, "where an element belongs");
        }
        place = Place.AFTER_ELEMENT;
        return element();
    }

    private Element element() throws IOException {
        inElement = true;
        elementLine = linesEnded + 1;
        StringBuilder kept = new StringBuilder();
        long length = 0;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean complete = false;
        while (!complete && text.fill()) {
            char c = text.chars[text.position];
            if (length > 0 && depth == 0 && !inString && (c == ',' || c == ']' || isBlank(c))) {
                break;
            }
            take();
            length++;
            if (length <= maxChars) {
                kept.append(c);
            } else if (length == maxChars + 1L) {
                kept.setLength(Math.min(kept.length(), RecordLimit.SHOWN_CHARS));
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    complete = depth == 0;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                complete = --depth == 0;
            }
        }
        if (depth > 0 || inString) {
            throw new IOException("the file ends inside the array's element that starts on line " + elementLine);
        }
        inElement = false;
        return new Element(elementLine, kept.toString(), length > maxChars);
    }

    private void endArray() throws IOException {
        take();
        place = Place.ENDED;
        int c = nextNonBlank();
        if (c >= 0) {
            throw broken(c, "after the array's closing `]`");
        }
    }

    private IOException broken(int c, String where) {
        return new IOException(c < 0 ? "the file ends before the array's closing `]`" : "the JSON array is broken: `" + (char) c + "` " + where);
    }

    /** Skips blanks; the next character, left unread, or -1 at the end of the text. */
    private int nextNonBlank() throws IOException {
        while (text.fill()) {
            if (!isBlank(text.chars[text.position])) {
                return text.chars[text.position];
            }
            take();
        }
        return -1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Moves past the next character, counting line breaks as the line readers do: CR, LF and CRLF end one line each. */
    private void take() {
        char c = text.chars[text.position++];
        if (c == '\r' || c == '\n' && !afterCarriageReturn) {
            linesEnded++;
        }
        afterCarriageReturn = c == '\r';
    }

    void close() throws IOException {
        text.close();
    }
}
