package dropbridge.delivery;

import dropbridge.mapping.RecordMapping;
import dropbridge.record.ReadResult;
import dropbridge.record.RecordReader;
import dropbridge.record.SourceRecord;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;

/**
 * Reads a file record by record, maps each record with the drop's mapping, and yields API-sized
 * batches of the records that pass the contract check. Records that cannot be read or fail the
 * check go to the run's error outcomes as they are met; records the mapping skips ride along with
 * the next batch (or, a batch's worth at a time, in a batch with nothing to send). Only the open
 * (not yet full) batches are held in memory, one per group, and at most {@value #MAX_OPEN_GROUPS}
 * of them: past that, the oldest is sent part-full. A batch never holds two records of one
 * {@linkplain ApiContract#orderKey key}: the second closes the batch of the first.
 */
final class BatchStream<T> implements Iterator<Batch<T>> {

    static final int MAX_OPEN_GROUPS = 64;

    private final RecordReader reader;
    private final ApiContract<T> contract;
    private final RecordMapping mapping;
    private final FileRun<T> run;
    private final Map<Object, List<BatchItem<T>>> openGroups = new LinkedHashMap<>();
    /** The open group each key of the open batches is in. */
    private final Map<Object, Object> openKeys = new HashMap<>();
    private final Queue<Batch<T>> ready = new ArrayDeque<>();
    private List<ItemOutcome> skipped = new ArrayList<>();
    private int batchCount;
    private boolean exhausted;

    BatchStream(RecordReader reader, ApiContract<T> contract, RecordMapping mapping, FileRun<T> run) {
        this.reader = reader;
        this.contract = contract;
        this.mapping = mapping;
        this.run = run;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !exhausted) {
            pull();
        }
        return !ready.isEmpty();
    }

    @Override
    public Batch<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.remove();
    }

    /** The batches that make requests, so far. */
    int batchCount() {
        return batchCount;
    }

    private void pull() {
        ReadResult result;
        try {
            if (!reader.hasNext()) {
                closeAllGroups();
                return;
            }
            result = reader.next();
        } catch (UncheckedIOException unreadableRest) {
            run.readStopped(reader.linesRead() + 1, unreadableRest.getCause().getMessage());
            closeAllGroups();
            return;
        }
        run.countRead();
        if (run.hasOutcome(result.line())) {
            return;
        }
        if (!result.readable()) {
            run.readFailed(result);
            return;
        }
        String skipReason = mapping.skipReason(result.record());
        if (skipReason != null) {
            skip(ItemOutcome.skipped(result.record(), skipReason));
            return;
        }
        SourceRecord record = mapping.map(result.record());
        if (run.stopped()) {
            run.notSent(record);
            return;
        }
        Checked<T> checked = contract.check(record, run.source());
        if (checked.passed()) {
            add(new BatchItem<>(record, checked.payload()));
        } else {
            run.checkFailed(record, checked);
        }
    }

    private void skip(ItemOutcome outcome) {
        skipped.add(outcome);
        if (skipped.size() >= contract.batchSize()) {
            ready.add(new Batch<>(0, List.of(), takeSkipped()));
        }
    }

    private void add(BatchItem<T> item) {
        Object group = contract.groupOf(item.payload());
        Object key = contract.orderKey(item.payload());
        if (key != null) {
            Object groupOfKey = openKeys.get(key);
            if (groupOfKey != null) {
                close(groupOfKey);
            }
            openKeys.put(key, group);
        }
        List<BatchItem<T>> items = openGroups.computeIfAbsent(group, g -> new ArrayList<>());
        items.add(item);
        if (items.size() >= contract.batchSize()) {
            close(group);
        } else if (openGroups.size() > MAX_OPEN_GROUPS) {
            close(openGroups.keySet().iterator().next());
        }
    }

    private void close(Object group) {
        List<BatchItem<T>> items = openGroups.remove(group);
        for (BatchItem<T> item : items) {
            Object key = contract.orderKey(item.payload());
            if (key != null) {
                openKeys.remove(key);
            }
        }
        ready.add(new Batch<>(++batchCount, items, takeSkipped()));
    }

    private List<ItemOutcome> takeSkipped() {
        if (skipped.isEmpty()) {
            return List.of();
        }
        List<ItemOutcome> taken = skipped;
        skipped = new ArrayList<>();
        return taken;
    }

    private void closeAllGroups() {
        while (!openGroups.isEmpty()) {
            close(openGroups.keySet().iterator().next());
        }
        if (!skipped.isEmpty()) {
            ready.add(new Batch<>(0, List.of(), takeSkipped()));
        }
        exhausted = true;
    }
}
