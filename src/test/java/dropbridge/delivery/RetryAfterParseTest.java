package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterParseTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void secondsAndHttpDatesAreRead() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse(" 3 ", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Thu, 03 Dec 2026 10:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 03 Dec 2026 09:00:00 GMT", NOW), "a date passed: no wait");
    }

    @Test
    void whatCannotBeReadAsksForNoWait() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-1", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", NOW));
    }
}
