package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Long> starts = new ArrayList<>();
    private final RequestPacer pacer = new RequestPacer(900, 60_000, now::get, now::addAndGet);

    @Test
    void requestsAreSpacedSoNoWindowHoldsMoreThanTheLimit() throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            pacer.awaitTurn();
            starts.add(now.get());
        }
        long window = 60_000_000_000L;
        for (int i = 900; i < starts.size(); i++) {
            assertTrue(starts.get(i) - starts.get(i - 900) >= window - 1000, "901 starts within one minute at " + i);
        }
    }

    @Test
    void slowsDownAfterARateComplaintAndRecoversAfterwards() {
        long normal = pacer.intervalNanos();
        pacer.slowDown();
        pacer.slowDown();
        assertEquals(normal * 4, pacer.intervalNanos(), 100);
        for (int i = 0; i < 50; i++) {
            pacer.recovered();
        }
        assertEquals(normal, pacer.intervalNanos(), 100);
    }
}
