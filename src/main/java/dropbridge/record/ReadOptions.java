package dropbridge.record;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Objects;

/**
 * How a drop's files are read: the encoding of their text (a byte order mark in a file wins over
 * it), the delimiter of their CSV cells, and the most characters one record may hold.
 */
public record ReadOptions(Charset encoding, char delimiter, int maxRecordChars) {

    public ReadOptions {
        Objects.requireNonNull(encoding, "encoding");
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
    }

    /** UTF-8 text, cells separated by commas. */
    public static ReadOptions defaults(int maxRecordChars) {
        return new ReadOptions(StandardCharsets.UTF_8, ',', maxRecordChars);
    }

    /**
     * The options as a drop's YAML writes them.
     *
     * @param encoding  a Java charset name, such as UTF-8, GBK, GB18030, UTF-16LE; UTF-8 when null or blank
     * @param delimiter one character; a tab as itself, as the two characters {@code \t} or as the
     *                  word {@code tab}; a comma when null or empty
     */
    public static ReadOptions of(String encoding, String delimiter, int maxRecordChars) {
        return new ReadOptions(encoding(encoding), delimiter(delimiter), maxRecordChars);
    }

    private static Charset encoding(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown encoding \"" + name
                    + "\": use a Java charset name, such as UTF-8, GBK, GB18030, UTF-16LE or UTF-16BE");
        }
    }

    private static char delimiter(String text) {
        if (text == null || text.isEmpty()) {
            return ',';
        }
        String delimiter = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("the delimiter must be one character, such as , ; | or \\t for a tab, not \"" + text + "\"");
        }
        return delimiter.charAt(0);
    }
}
