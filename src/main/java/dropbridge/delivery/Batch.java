package dropbridge.delivery;

import java.util.List;

/**
 * The records of one API request; {@code number} counts the file's requests from 1. The records
 * a drop's mapping skipped since the batch before ride along in {@code skipped}, so that they get
 * their outcome on the same way as the batch's records. A batch with nothing to send (numbered 0)
 * carries only skipped records, and makes no request.
 */
public record Batch<T>(int number, List<BatchItem<T>> items, List<ItemOutcome> skipped) {

    public Batch(int number, List<BatchItem<T>> items) {
        this(number, items, List.of());
    }

    public int size() {
        return items.size();
    }

    /** True when the batch makes no request: it carries only skipped records. */
    public boolean nothingToSend() {
        return items.isEmpty();
    }
}
