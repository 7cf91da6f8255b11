package dropbridge.delivery;

import java.util.concurrent.Semaphore;

/**
 * At most {@code size} requests of one pipeline in flight, across all of its files. Reading a
 * file takes a place before it hands out the next batch and waits while every place is taken,
 * so reading never runs ahead of sending and memory holds at most {@code size} batches.
 */
public final class InFlightLimit {

    private final Semaphore places;

    public InFlightLimit(String pipeline, int size) {
        if (size < 1) {
            throw new IllegalArgumentException(pipeline + ": requests in flight must be at least 1, got " + size);
        }
        this.places = new Semaphore(size);
    }

    /** Waits for a free place. */
    public void take() throws InterruptedException {
        places.acquire();
    }

    public void free() {
        places.release();
    }

    /** Places free now; for tests. */
    public int available() {
        return places.availablePermits();
    }
}
