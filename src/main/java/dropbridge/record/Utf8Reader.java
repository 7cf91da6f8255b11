package dropbridge.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Dropped bytes as UTF-8 text: a leading byte order mark is dropped and a byte that is not UTF-8
 * is an error, never replaced. Unlike {@link java.io.InputStreamReader}, which throws away the
 * whole buffer it was decoding, every character before the bad byte is handed out first, so a
 * reader sees each record up to the exact line where the text breaks.
 */
final class Utf8Reader extends Reader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private long bytesRead;
    private boolean endOfInput;
    private boolean atStart = true;
    private IOException brokenAt;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!decodeMore()) {
                return -1;
            }
        }
        int count = Math.min(length, chars.remaining());
        chars.get(buffer, offset, count);
        return count;
    }

    /** Decodes the next characters; false at the end of the text. */
    private boolean decodeMore() throws IOException {
        chars.clear();
        while (chars.position() == 0 && brokenAt == null) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                brokenAt = notUtf8();
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    break;
                }
                readBytes();
            }
        }
        chars.flip();
        if (!chars.hasRemaining() && brokenAt != null) {
            throw brokenAt;
        }
        if (atStart && chars.hasRemaining()) {
            atStart = false;
            if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
                chars.get();
            }
        }
        return chars.hasRemaining() || !endOfInput;
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int count = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (count < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + count);
            bytesRead += count;
        }
        bytes.flip();
    }

    private IOException notUtf8() {
        long offset = bytesRead - bytes.remaining();
        return new IOException(String.format("the file is not valid UTF-8 text: byte 0x%02X at offset %d cannot be decoded",
                bytes.get(bytes.position()) & 0xFF, offset));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
