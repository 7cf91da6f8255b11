package dropbridge.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sending threads of one pipeline: at most {@code size} requests in flight across all of the
 * pipeline's files. A caller that submits while all are busy waits, so reading a file never runs
 * ahead of sending it and memory holds at most {@code size} batches.
 */
public final class InFlightLimit implements AutoCloseable {

    private final Semaphore permits;
    private final ExecutorService threads;

    public InFlightLimit(String name, int size) {
        if (size < 1) {
            throw new IllegalArgumentException(name + ": requests in flight must be at least 1, got " + size);
        }
        AtomicInteger count = new AtomicInteger();
        this.permits = new Semaphore(size);
        this.threads = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, name + "-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the task on a sending thread, waiting first until one is free. */
    public void submit(Runnable task) throws InterruptedException {
        permits.acquire();
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            permits.release();
            throw shuttingDown;
        }
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
