package dropbridge.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodingReaderTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void multiByteCharactersAcrossBufferBoundariesAreDecoded() throws IOException {
        String text = "\u7528\u6237\uD83D\uDE00,".repeat(10_000);
        assertEquals(text, readAll(StandardCharsets.UTF_8, text));
        String chinese = "\u7528\u6237,".repeat(10_000);
        assertEquals(chinese, readAll(GBK, chinese));
    }

    @Test
    void charactersBeforeABadByteAreHandedOutBeforeTheError() throws IOException {
        byte[] good = "a".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[good.length + 2];
        System.arraycopy(good, 0, file, 0, good.length);
        file[good.length] = (byte) 0xC3;
        file[good.length + 1] = 'b';
        try (Reader reader = new DecodingReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8, 3)) {
            char[] buffer = new char[64 * 1024];
            int total = 0;
            IOException broken = null;
            try {
                for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
                    total += n;
                }
            } catch (IOException e) {
                broken = e;
            }
            assertEquals(good.length, total);
            assertEquals("the file is not valid UTF-8 text: byte 0xC3 at offset 20003 cannot be decoded", broken.getMessage(),
                    "the offset counts from the file's start, before the stream");
            assertThrows(IOException.class, reader::read, "the error stays");
        }
    }

    @Test
    void aSequenceCutOffByTheEndOfTheFileIsAnErrorNamingTheEncoding() throws IOException {
        byte[] cutOff = {'a', (byte) 0xD3};
        try (Reader reader = new DecodingReader(new ByteArrayInputStream(cutOff), GBK, 0)) {
            assertEquals('a', reader.read());
            IOException broken = assertThrows(IOException.class, reader::read);
            assertEquals("the file is not valid GBK text: byte 0xD3 at offset 1 cannot be decoded", broken.getMessage());
        }
    }

    private static String readAll(Charset encoding, String text) throws IOException {
        try (Reader reader = new DecodingReader(new ByteArrayInputStream(text.getBytes(encoding)), encoding, 0)) {
            StringBuilder read = new StringBuilder();
            for (int c = reader.read(); c != -1; c = reader.read()) {
                read.append((char) c);
            }
            return read.toString();
        }
    }
}
