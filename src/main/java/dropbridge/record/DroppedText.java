package dropbridge.record;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A dropped file's bytes as text. A byte order mark settles the encoding, whatever the drop
 * says, and is dropped. Before any character is handed out, the start of the file (its first
 * {@value #CHECKED_BYTES} bytes) is decoded: a file written in another encoding than the drop's
 * is refused as a whole, saying what to set, rather than failing at its first non-ASCII record
 * after the records before were sent. A bad byte further on stops reading there, as
 * {@link DecodingReader} says.
 */
final class DroppedText {

    static final int CHECKED_BYTES = 64 * 1024;

    private enum ByteOrderMark {
        UTF_8(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
        UTF_16LE(StandardCharsets.UTF_16LE, 0xFF, 0xFE),
        UTF_16BE(StandardCharsets.UTF_16BE, 0xFE, 0xFF);

        private final Charset encoding;
        private final int[] bytes;

        ByteOrderMark(Charset encoding, int... bytes) {
            this.encoding = encoding;
            this.bytes = bytes;
        }

        /** The mark the text starts with, or null. */
        static ByteOrderMark of(byte[] start) {
            for (ByteOrderMark mark : values()) {
                if (mark.startsOf(start)) {
                    return mark;
                }
            }
            return null;
        }

        private boolean startsOf(byte[] start) {
            if (start.length < bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if ((start[i] & 0xFF) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private DroppedText() {
    }

    /** @param dropEncoding the encoding the drop declares, for a file without a byte order mark */
    static Reader open(InputStream in, Charset dropEncoding) throws IOException, BadFileException {
        byte[] start = in.readNBytes(CHECKED_BYTES);
        ByteOrderMark mark = ByteOrderMark.of(start);
        Charset encoding = mark == null ? dropEncoding : mark.encoding;
        int textStart = mark == null ? 0 : mark.bytes.length;
        check(start, textStart, encoding, start.length < CHECKED_BYTES);
        InputStream text = new SequenceInputStream(new ByteArrayInputStream(start, textStart, start.length - textStart), in);
        return new DecodingReader(text, encoding, textStart);
    }

    /**
     * Refuses a start that does not decode, or that holds a NUL byte before any undecodable one in
     * an encoding where NUL is no part of text: there, it is UTF-16 written without a byte order mark.
     */
    private static void check(byte[] start, int from, Charset encoding, boolean wholeFile) throws BadFileException {
        int undecodable = firstUndecodable(start, from, encoding, wholeFile);
        int end = undecodable < 0 ? start.length : undecodable;
        if (oneBytePerAsciiCharacter(encoding)) {
            for (int i = from; i < end; i++) {
                if (start[i] == 0) {
                    throw new BadFileException(utf16WithoutMark(i));
                }
            }
        }
        if (undecodable >= 0) {
            throw new BadFileException(String.format("the file is not valid %s text (byte 0x%02X at offset %d cannot be decoded): %s",
                    encoding.name(), start[undecodable] & 0xFF, undecodable, encodingHint(encoding)));
        }
    }

    /** The offset of the first byte that cannot be decoded, or -1; a character cut off by the end of the start is no error. */
    private static int firstUndecodable(byte[] start, int from, Charset encoding, boolean wholeFile) {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(start, from, start.length - from);
        CharBuffer chars = CharBuffer.allocate(4096);
        CoderResult result;
        do {
            chars.clear();
            result = decoder.decode(bytes, chars, wholeFile);
        } while (result.isOverflow());
        return result.isError() ? bytes.position() : -1;
    }

    private static boolean oneBytePerAsciiCharacter(Charset encoding) {
        return encoding.canEncode() && "A".getBytes(encoding).length == 1;
    }

    /** UTF-16LE puts the NUL byte of an ASCII character second, UTF-16BE first. */
    private static String utf16WithoutMark(int nulOffset) {
        String likely = nulOffset % 2 == 1 ? "UTF-16LE" : "UTF-16BE";
        String other = nulOffset % 2 == 1 ? "UTF-16BE" : "UTF-16LE";
        return "the file holds NUL bytes (the first at offset " + nulOffset + "), as UTF-16 text without a byte order mark does:"
                + " set `encoding: " + likely + "` on the drop (or `encoding: " + other + "`)";
    }

    private static String encodingHint(Charset encoding) {
        if (encoding.equals(StandardCharsets.UTF_8)) {
            return "an Excel export in GBK needs `encoding: GBK` on its drop (GB18030 for rarer characters);"
                    + " a \"Unicode text\" export is UTF-16 and is recognised by its byte order mark";
        }
        return "set `encoding` on the drop to the one the file is written in, such as UTF-8, GBK, GB18030 or UTF-16LE";
    }
}
