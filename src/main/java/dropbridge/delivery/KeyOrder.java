package dropbridge.delivery;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the records of one key in file order (a Ptengine {@code user_id}): a batch is handed out
 * only once no batch before it that holds one of its keys is still without its final answer,
 * retries included, so the last row of a key is the last one the API sees. Only the keys of the
 * batches in flight are held.
 */
final class KeyOrder<T> {

    private final ApiContract<T> contract;
    private final Map<Object, Integer> inFlight = new HashMap<>();
    private final Set<Batch<T>> holding = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile long answers;

    KeyOrder(ApiContract<T> contract) {
        this.contract = contract;
    }

    /** True while a batch handed out and not yet answered holds the key. */
    synchronized boolean inFlight(Object key) {
        return inFlight.containsKey(key);
    }

    /** How many batches have been answered so far: when it changes, keys may have come free. */
    long answers() {
        return answers;
    }

    /**
     * Waits until a batch is answered after the {@code seen}-th answer; returns at once when no
     * batch is in flight, since then no answer will come.
     */
    synchronized void awaitAnswerAfter(long seen) throws InterruptedException {
        while (answers == seen && !holding.isEmpty()) {
            wait();
        }
    }

    /** Waits while a batch in flight holds one of this batch's keys, then holds its keys until {@link #answered}. */
    synchronized void handOut(Batch<T> batch) throws InterruptedException {
        while (holdsKeyInFlight(batch)) {
            wait();
        }
        holding.add(batch);
        for (BatchItem<T> item : batch.items()) {
            Object key = contract.orderKey(item.payload());
            if (key != null) {
                inFlight.merge(key, 1, Integer::sum);
            }
        }
    }

    /** The batch has its final outcomes: batches that wait for one of its keys may go. */
    synchronized void answered(Batch<T> batch) {
        if (!holding.remove(batch)) {
            return;
        }
        for (BatchItem<T> item : batch.items()) {
            Object key = contract.orderKey(item.payload());
            if (key != null) {
                inFlight.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
            }
        }
        answers++;
        notifyAll();
    }

    private boolean holdsKeyInFlight(Batch<T> batch) {
        if (inFlight.isEmpty()) {
            return false;
        }
        for (BatchItem<T> item : batch.items()) {
            Object key = contract.orderKey(item.payload());
            if (key != null && inFlight.containsKey(key)) {
                return true;
            }
        }
        return false;
    }
}
