package dropbridge.delivery;

import java.util.function.LongSupplier;

/**
 * Spaces the starts of requests so that at most {@code limit} begin in any {@code windowMs},
 * across every thread of the process. After the API says "too many requests" the spacing
 * doubles, and each request answered without that complaint brings it back towards normal.
 */
public final class RequestPacer {

    private static final double RECOVERY = 0.9;
    private static final long SLOWEST_FACTOR = 16;

    private final double baseIntervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private double intervalNanos;
    private long nextStart;

    /** How the pacer waits; tests pass one that only moves a fake clock. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    public RequestPacer(int limit, long windowMs) {
        this(limit, windowMs, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    RequestPacer(int limit, long windowMs, LongSupplier clock, Sleeper sleeper) {
        if (limit < 1 || windowMs < 1) {
            throw new IllegalArgumentException("a request rate needs a positive limit and window");
        }
        this.baseIntervalNanos = windowMs * 1_000_000.0 / limit;
        this.intervalNanos = baseIntervalNanos;
        this.clock = clock;
        this.sleeper = sleeper;
        this.nextStart = clock.getAsLong();
    }

    /** Waits until this request may start. */
    public void awaitTurn() throws InterruptedException {
        long start;
        synchronized (this) {
            long now = clock.getAsLong();
            start = Math.max(now, nextStart);
            nextStart = start + (long) intervalNanos;
        }
        long wait = start - clock.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** The API answered "too many requests": space requests further apart. */
    public synchronized void slowDown() {
        intervalNanos = Math.min(intervalNanos * 2, baseIntervalNanos * SLOWEST_FACTOR);
        nextStart = Math.max(nextStart, clock.getAsLong() + (long) intervalNanos);
    }

    /** A request went through without a rate complaint: ease back towards the configured rate. */
    public synchronized void recovered() {
        intervalNanos = Math.max(baseIntervalNanos, intervalNanos * RECOVERY);
    }

    synchronized long intervalNanos() {
        return (long) intervalNanos;
    }
}
