package dropbridge.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Text read ahead in blocks, for the readers that follow it character by character:
 * {@code chars[position]} up to {@code chars[end - 1]} are read from the text and not yet taken.
 */
final class TextBuffer implements Closeable {

    final char[] chars = new char[8192];
    int position;
    int end;
    private final Reader in;

    TextBuffer(Reader in) {
        this.in = in;
    }

    /** True when {@code chars[position]} holds a character not yet taken, reading on as needed; false at the end of the text. */
    boolean fill() throws IOException {
        while (position == end) {
            int count = in.read(chars, 0, chars.length);
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
