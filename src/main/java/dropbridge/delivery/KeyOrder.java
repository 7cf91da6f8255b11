package dropbridge.delivery;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the records of one key in file order (a Ptengine {@code user_id}): a record joins a batch
 * only while no record of its key placed earlier is still without its final answer, retries
 * included, so the last row of a key is the last one the API sees. A key counts from the moment
 * its record is placed in an open batch until that batch is answered; only such keys are held.
 *
 * <p>The reading thread places records and asks about keys, one map operation each; senders
 * answer whole batches. So a batch handed out never holds a key that another batch in flight
 * holds, and handing it out needs no wait.
 */
final class KeyOrder<T> {

    private final ApiContract<T> contract;
    /** Each key placed and not yet answered, with how many records of it are. */
    private final ConcurrentHashMap<Object, Integer> unanswered = new ConcurrentHashMap<>();
    private final Set<Batch<T>> holding = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile long answers;

    KeyOrder(ApiContract<T> contract) {
        this.contract = contract;
    }

    /** A record of the key joined an open batch. */
    void placed(Object key) {
        unanswered.merge(key, 1, Integer::sum);
    }

    /** True while a record of the key is in an open batch, a batch not yet handed out, or a batch in flight. */
    boolean busy(Object key) {
        return unanswered.containsKey(key);
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

    /** The batch goes out: its keys stay held until {@link #answered}. */
    synchronized void handOut(Batch<T> batch) {
        holding.add(batch);
    }

    /** The batch has its final outcomes: the records waiting for one of its keys may go. */
    synchronized void answered(Batch<T> batch) {
        if (!holding.remove(batch)) {
            return;
        }
        for (BatchItem<T> item : batch.items()) {
            Object key = contract.orderKey(item.payload());
            if (key != null) {
                unanswered.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
            }
        }
        answers++;
        notifyAll();
    }
}
