package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rate and estimated end of a file in progress, for a first run and for a resumed one. */
class RunProgressTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TEN_SECONDS_LATER = STARTED.plusSeconds(10);

    @Test
    void aFirstRunIsMeasuredFromItsStart() {
        // half of the file read, a quarter of it done in 10 s
        RunProgress progress = new RunProgress("p", "f", 100, 50, 0, 0, 0, 500, 1000, STARTED, TEN_SECONDS_LATER);

        assertEquals(5.0, progress.recordsPerSecond());
        assertEquals(STARTED.plusSeconds(40), progress.estimatedEnd().orElseThrow());
    }

    @Test
    void aResumedRunCountsOnlyItsOwnWork() {
        // 900 records had their outcome before the restart; this run did 50 more in 10 s, 50 are left
        RunProgress progress = new RunProgress("p", "f", 1000, 950, 0, 0, 900, 1000, 1000, STARTED, TEN_SECONDS_LATER);

        assertEquals(5.0, progress.recordsPerSecond());
        assertEquals(TEN_SECONDS_LATER.plusSeconds(10), progress.estimatedEnd().orElseThrow());
    }
}
