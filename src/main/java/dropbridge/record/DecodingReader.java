package dropbridge.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Dropped bytes as text in one encoding: a byte that cannot be decoded is an error, never
 * replaced. Unlike {@link java.io.InputStreamReader}, which throws away the whole buffer it was
 * decoding, every character before the bad byte is handed out first, so a reader sees each record
 * up to the exact line where the text breaks.
 */
final class DecodingReader extends Reader {

    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final Charset encoding;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private long bytesRead;
    private boolean endOfInput;
    private IOException brokenAt;

    /** @param offset where {@code in} starts in the file, for the offset an error names */
    DecodingReader(InputStream in, Charset encoding, long offset) {
        this.in = in;
        this.encoding = encoding;
        this.decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytesRead = offset;
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
                brokenAt = undecodable();
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

    private IOException undecodable() {
        long offset = bytesRead - bytes.remaining();
        return new IOException(String.format("the file is not valid %s text: byte 0x%02X at offset %d cannot be decoded",
                encoding.name(), bytes.get(bytes.position()) & 0xFF, offset));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
