package dropbridge.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ReaderTest {

    @Test
    void multiByteCharactersAcrossBufferBoundariesAreDecoded() throws IOException {
        String text = "\u7528\u6237\uD83D\uDE00,".repeat(10_000);
        try (Reader reader = utf8("\uFEFF" + text)) {
            StringBuilder read = new StringBuilder();
            for (int c = reader.read(); c != -1; c = reader.read()) {
                read.append((char) c);
            }
            assertEquals(text, read.toString(), "byte order mark dropped, the rest kept");
        }
    }

    @Test
    void charactersBeforeABadByteAreHandedOutBeforeTheError() throws IOException {
        byte[] good = "a".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[good.length + 2];
        System.arraycopy(good, 0, file, 0, good.length);
        file[good.length] = (byte) 0xC3;
        file[good.length + 1] = 'b';
        try (Reader reader = new Utf8Reader(new ByteArrayInputStream(file))) {
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
            assertEquals("the file is not valid UTF-8 text: byte 0xC3 at offset 20000 cannot be decoded", broken.getMessage());
            assertThrows(IOException.class, reader::read, "the error stays");
        }
    }

    @Test
    void aSequenceCutOffByTheEndOfTheFileIsAnError() throws IOException {
        byte[] cutOff = {'a', (byte) 0xE7, (byte) 0x94};
        try (Reader reader = new Utf8Reader(new ByteArrayInputStream(cutOff))) {
            assertEquals('a', reader.read());
            IOException broken = assertThrows(IOException.class, reader::read);
            assertTrue(broken.getMessage().contains("0xE7 at offset 1"), broken.getMessage());
        }
    }

    private static Reader utf8(String text) {
        return new Utf8Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
