package dropbridge.record;

import java.io.BufferedReader;
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
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, decoder), 1);
        int first = reader.read();
        if (first != -1 && first != BYTE_ORDER_MARK) {
            reader.unread(first);
        }
        return new BufferedReader(reader, 64 * 1024);
    }
}
