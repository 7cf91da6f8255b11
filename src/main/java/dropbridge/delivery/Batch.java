package dropbridge.delivery;

import java.util.List;

/** The records of one API request; {@code number} counts the file's batches from 1. */
public record Batch<T>(int number, List<BatchItem<T>> items) {

    public int size() {
        return items.size();
    }
}
