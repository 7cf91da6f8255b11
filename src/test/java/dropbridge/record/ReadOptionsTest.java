package dropbridge.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOptionsTest {

    @Test
    void encodingsAreJavaCharsetNamesAndUtf8WhenLeftOut() {
        assertEquals(Charset.forName("GBK"), ReadOptions.of("gbk", null, 10).encoding());
        assertEquals(Charset.forName("GB18030"), ReadOptions.of("GB18030", null, 10).encoding());
        assertEquals(StandardCharsets.UTF_16LE, ReadOptions.of(" UTF-16LE ", null, 10).encoding());
        assertEquals(StandardCharsets.UTF_16, ReadOptions.of("UTF-16", null, 10).encoding());
        assertEquals(StandardCharsets.UTF_8, ReadOptions.of(null, null, 10).encoding());
        assertEquals(StandardCharsets.UTF_8, ReadOptions.of(" ", null, 10).encoding());
    }

    @Test
    void anUnknownEncodingNamesTheValueAndExamples() {
        for (String name : List.of("GKB", "utf 8")) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ReadOptions.of(name, null, 10));
            assertEquals("unknown encoding \"" + name + "\": use a Java charset name, such as UTF-8, GBK, GB18030, UTF-16LE or UTF-16BE",
                    unknown.getMessage());
        }
    }

    @Test
    void aDelimiterIsOneCharacterOrATabWrittenAsText() {
        assertEquals(',', ReadOptions.of(null, null, 10).delimiter());
        assertEquals(',', ReadOptions.of(null, "", 10).delimiter());
        assertEquals(';', ReadOptions.of(null, ";", 10).delimiter());
        assertEquals('|', ReadOptions.of(null, "|", 10).delimiter());
        assertEquals('\t', ReadOptions.of(null, "\t", 10).delimiter());
        assertEquals('\t', ReadOptions.of(null, "\\t", 10).delimiter());
        assertEquals('\t', ReadOptions.of(null, "TAB", 10).delimiter());
    }

    @Test
    void anyOtherDelimiterIsRefused() {
        for (String delimiter : List.of(";;", "\\n", "comma", " ;")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ReadOptions.of(null, delimiter, 10));
            assertEquals("the delimiter must be one character, such as , ; | or \\t for a tab, not \"" + delimiter + "\"", refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.of(null, "\"", 10));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.of(null, "\n", 10));
    }

    @Test
    void theDefaultsAreUtf8AndCommas() {
        assertEquals(new ReadOptions(StandardCharsets.UTF_8, ',', 500), ReadOptions.defaults(500));
    }
}
