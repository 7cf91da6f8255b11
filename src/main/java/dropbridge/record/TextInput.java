package dropbridge.record;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Opens dropped bytes as UTF-8 text: a leading byte order mark is dropped, broken bytes are an error. */
final class TextInput {

    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private TextInput() {
    }

    static BufferedReader open(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader reader = new PushbackReader(new Utf8Errors(new InputStreamReader(in, decoder)), 1);
        int first = reader.read();
        if (first != -1 && first != BYTE_ORDER_MARK) {
            reader.unread(first);
        }
        return new BufferedReader(reader, 64 * 1024);
    }

    /** Says in words what a decoding failure means: the file is not UTF-8 text. */
    private static final class Utf8Errors extends FilterReader {

        Utf8Errors(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (CharacterCodingException e) {
                throw notUtf8(e);
            }
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (CharacterCodingException e) {
                throw notUtf8(e);
            }
        }

        private static IOException notUtf8(CharacterCodingException e) {
            return new IOException("the file is not valid UTF-8 text (" + e + ")", e);
        }
    }
}
