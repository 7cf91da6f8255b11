package dropbridge.record;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Bytes made as they are read, so that a test can feed a huge file without holding it in memory. */
final class GeneratedInput extends InputStream {

    private record Piece(byte[] bytes, long times) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private int piece;
    private long repeated;
    private int within;

    GeneratedInput text(String text) {
        return repeat(text, 1);
    }

    GeneratedInput repeat(String text, long times) {
        pieces.add(new Piece(text.getBytes(StandardCharsets.UTF_8), times));
        return this;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        int copied = 0;
        while (copied < length && piece < pieces.size()) {
            Piece current = pieces.get(piece);
            int count = Math.min(length - copied, current.bytes().length - within);
            System.arraycopy(current.bytes(), within, into, offset + copied, count);
            copied += count;
            within += count;
            if (within == current.bytes().length) {
                within = 0;
                if (++repeated == current.times()) {
                    repeated = 0;
                    piece++;
                }
            }
        }
        return copied == 0 && length > 0 ? -1 : copied;
    }
}
