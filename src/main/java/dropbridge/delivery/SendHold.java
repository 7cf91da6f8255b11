package dropbridge.delivery;

import java.time.Duration;

/**
 * Holds every request of a pipeline while an API asked, with {@code Retry-After}, not to be called
 * before some moment: each sender waits for it before its next request, whichever batch it sends.
 */
public final class SendHold {

    private long untilNanos = System.nanoTime();

    /** No request before {@code wait} from now (a later moment already set stays). */
    public synchronized void holdFor(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        if (until - untilNanos > 0) {
            untilNanos = until;
        }
    }

    /** Returns once requests may go again. */
    public void await() throws InterruptedException {
        while (true) {
            long left;
            synchronized (this) {
                left = untilNanos - System.nanoTime();
            }
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
