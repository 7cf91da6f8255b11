package dropbridge.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Tells the records an API refused from those it takes, when it refused a whole batch for its
 * content: the batch is sent again in two halves, and every half it refuses again in two halves,
 * until each refused record stands alone and gets the API's own answer; every other record is
 * delivered. When one half is taken whole, its other half is known to hold what was refused and is
 * split without being sent. So one refused record costs at most about 2 x log2(batch size) extra
 * requests, and never more than the batch's budget: once it is spent, the parts still waiting fail
 * with the refusal of the part they came from.
 *
 * <p>Used by the one sender of the batch: {@link #nextPart()}, send it, {@link #answered(BatchOutcome)}, while {@link #hasNext()}.
 */
public final class BatchIsolation<T> {

    private final Batch<T> batch;
    private final int maxRequests;
    private final Deque<Part<T>> waiting = new ArrayDeque<>();
    private final List<ItemOutcome> outcomes = new ArrayList<>();
    private Part<T> sending;
    private int requests;
    private int refusedRecords;
    private String stopReason;

    /**
     * @param refusal the API's answer to the whole batch, which refused it ({@link BatchOutcome#refused()})
     * @param maxRequests the most requests the isolation may make for this batch
     */
    public BatchIsolation(Batch<T> batch, BatchOutcome refusal, int maxRequests) {
        if (!refusal.refused() || batch.size() < 2) {
            throw new IllegalArgumentException("only a refused batch of two records or more is isolated");
        }
        this.batch = batch;
        this.maxRequests = maxRequests;
        split(new Part<>(batch.items(), refusal, null));
    }

    public boolean hasNext() {
        return !waiting.isEmpty();
    }

    /** The next part to send, numbered like its batch. */
    public Batch<T> nextPart() {
        sending = waiting.removeFirst();
        requests++;
        return new Batch<>(batch.number(), sending.items());
    }

    /** The answer to the part last handed out. */
    public void answered(BatchOutcome outcome) {
        Part<T> part = sending;
        sending = null;
        if (outcome.stopsFile()) {
            outcomes.addAll(outcome.items());
            stop(outcome.stopReason());
            return;
        }
        if (outcome.refused() && part.items().size() > 1) {
            split(new Part<>(part.items(), outcome, null));
        } else {
            if (outcome.refused()) {
                refusedRecords++;
            }
            outcomes.addAll(outcome.items());
            Part<T> sibling = part.sibling();
            if (outcome.allDelivered() && sibling != null && waiting.peekFirst() == sibling && sibling.items().size() > 1) {
                split(waiting.removeFirst());
            }
        }
        if (requests >= maxRequests) {
            giveUp("isolation gave up after " + requests + " extra requests for this batch (dropbridge.isolation.max-requests-per-batch)");
        }
    }

    /** No further part is sent: an answer, or another batch's, stopped the file; the parts still waiting are not sent. */
    public void stop(String reason) {
        stopReason = reason;
        while (!waiting.isEmpty()) {
            waiting.removeFirst().items().forEach(item -> outcomes.add(ItemOutcome.failed(item.source(), "not-sent", "not sent: " + reason)));
        }
    }

    /** The outcome of the whole batch, once no part is left: one per record, the batch's skipped records riding along as ever. */
    public BatchOutcome outcome() {
        if (hasNext()) {
            throw new IllegalStateException("batch " + batch.number() + " still has parts to send");
        }
        return new BatchOutcome(outcomes, stopReason);
    }

    /** The batch being isolated. */
    public Batch<T> batch() {
        return batch;
    }

    /** The requests the isolation made, beyond the batch's own. */
    public int requests() {
        return requests;
    }

    /** The records the API refused standing alone. */
    public int refusedRecords() {
        return refusedRecords;
    }

    private void giveUp(String why) {
        while (!waiting.isEmpty()) {
            outcomes.addAll(waiting.removeFirst().refusal().withNote(why).items());
        }
    }

    /** The two halves of a refused part, the first to be sent first; each carries the refusal for the case the isolation gives up. */
    private void split(Part<T> refused) {
        List<BatchItem<T>> items = refused.items();
        int middle = items.size() / 2;
        Part<T> second = new Part<>(items.subList(middle, items.size()), refused.refusal().part(middle, items.size()), null);
        Part<T> first = new Part<>(items.subList(0, middle), refused.refusal().part(0, middle), second);
        waiting.addFirst(second);
        waiting.addFirst(first);
    }

    /**
     * Records to send together, with the answer that refused them as a part of a larger whole; the
     * first half of a split knows its second half, which is known to be refused when the first is taken whole.
     */
    private record Part<T>(List<BatchItem<T>> items, BatchOutcome refusal, Part<T> sibling) {
    }
}
