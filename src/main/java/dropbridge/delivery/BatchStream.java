package dropbridge.delivery;

import dropbridge.mapping.RecordMapping;
import dropbridge.record.ReadResult;
import dropbridge.record.RecordReader;
import dropbridge.record.SourceRecord;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * Reads a file record by record, maps each record with the drop's mapping, and yields API-sized
 * batches of the records that pass the contract check. Records that cannot be read or fail the
 * check go to the run's error outcomes as they are met; records the mapping skips ride along with
 * the next batch (or, a batch's worth at a time, in a batch with nothing to send). Only the open
 * (not yet full) batches are held in memory, one per group, and at most {@value #MAX_OPEN_GROUPS}
 * of them: past that, the oldest is sent part-full.
 *
 * <p>Records of one {@linkplain ApiContract#orderKey key} keep their file order: a record whose key
 * is in an open batch or in a batch still in flight is set aside while reading goes on, and joins
 * a batch once its key is free, so that batches of other keys stay full. At most
 * {@value #MAX_SET_ASIDE_BATCHES} batches' worth are set aside: then reading waits for answers.
 */
final class BatchStream<T> implements Iterator<Batch<T>> {

    static final int MAX_OPEN_GROUPS = 64;
    static final int MAX_SET_ASIDE_BATCHES = 10;

    private final RecordReader reader;
    private final ApiContract<T> contract;
    private final RecordMapping mapping;
    private final FileRun<T> run;
    private final KeyOrder<T> keyOrder;
    private final Map<Object, List<BatchItem<T>>> openGroups = new LinkedHashMap<>();
    private final Queue<Batch<T>> ready = new ArrayDeque<>();
    private final ArrayDeque<BatchItem<T>> setAside = new ArrayDeque<>();
    private final Map<Object, Integer> setAsideKeys = new HashMap<>();
    /** The number of answers {@link KeyOrder} had given when the records set aside were last looked at. */
    private long answersSeen = -1;
    private boolean groupClosed;
    private List<ItemOutcome> skipped = new ArrayList<>();
    private int batchCount;
    private long lastNumber;
    private boolean exhausted;

    BatchStream(RecordReader reader, ApiContract<T> contract, RecordMapping mapping, FileRun<T> run, KeyOrder<T> keyOrder) {
        this.reader = reader;
        this.contract = contract;
        this.mapping = mapping;
        this.run = run;
        this.keyOrder = keyOrder;
    }

    /**
     * True while there is a batch to hand out, or records set aside that will make one once their
     * keys are answered: {@link #next()} waits for them (never this method, which Camel's split
     * calls before it sends the batch just handed out).
     */
    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            releaseSetAside();
            if (!ready.isEmpty()) {
                break;
            }
            if (!exhausted && setAside.size() < MAX_SET_ASIDE_BATCHES * contract.batchSize()) {
                pull();
            } else if (setAside.isEmpty()) {
                closeAllGroups();
                return !ready.isEmpty();
            } else {
                return true;
            }
        }
        return true;
    }

    @Override
    public Batch<T> next() {
        while (ready.isEmpty()) {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (ready.isEmpty()) {
                awaitKeysOfSetAside();
            }
        }
        return ready.remove();
    }

    /**
     * The first record set aside waits for its key: the open batch that holds it goes out, or,
     * when the key is in flight, the next answer is awaited.
     */
    private void awaitKeysOfSetAside() {
        Optional<Object> groupOfKey = openGroupHolding(contract.orderKey(setAside.peek().payload()));
        if (groupOfKey.isPresent()) {
            close(groupOfKey.get());
            return;
        }
        try {
            keyOrder.awaitAnswerAfter(answersSeen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while records of " + run.source() + " waited for earlier records of their keys", e);
        }
    }

    /** The batches that make requests, so far. */
    int batchCount() {
        return batchCount;
    }

    private void pull() {
        releaseSetAside();
        ReadResult result;
        try {
            if (!reader.hasNext()) {
                exhausted = true;
                return;
            }
            result = reader.next();
        } catch (UncheckedIOException unreadableRest) {
            run.readStopped(reader.linesRead() + 1, lastNumber + 1, unreadableRest.getCause().getMessage());
            exhausted = true;
            return;
        }
        run.countRead();
        lastNumber = result.number();
        if (run.hasOutcome(result.number(), result.line())) {
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
        Object key = contract.orderKey(item.payload());
        if (key == null) {
            place(item);
        } else if (setAsideKeys.containsKey(key) || keyOrder.busy(key)) {
            setAside.add(item);
            setAsideKeys.merge(key, 1, Integer::sum);
        } else {
            place(item);
        }
    }

    /**
     * Records set aside join batches, in file order, as far as their keys are free: neither in an
     * open batch nor in flight, nor held by an earlier record still set aside. Looked at only
     * when a batch was closed or answered since the last time.
     */
    private void releaseSetAside() {
        long answers = keyOrder.answers();
        if (setAside.isEmpty() || answers == answersSeen && !groupClosed) {
            return;
        }
        answersSeen = answers;
        groupClosed = false;
        Set<Object> held = new HashSet<>();
        for (Iterator<BatchItem<T>> it = setAside.iterator(); it.hasNext();) {
            BatchItem<T> item = it.next();
            Object key = contract.orderKey(item.payload());
            if (!held.contains(key) && !keyOrder.busy(key)) {
                it.remove();
                setAsideKeys.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
                place(item);
            } else {
                held.add(key);
            }
        }
    }

    /** The open group that holds a record of the key, if one does (looked for only when reading waits on the key). */
    private Optional<Object> openGroupHolding(Object key) {
        for (Map.Entry<Object, List<BatchItem<T>>> group : openGroups.entrySet()) {
            for (BatchItem<T> item : group.getValue()) {
                if (key.equals(contract.orderKey(item.payload()))) {
                    return Optional.of(group.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private void place(BatchItem<T> item) {
        Object group = contract.groupOf(item.payload());
        Object key = contract.orderKey(item.payload());
        if (key != null) {
            keyOrder.placed(key);
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
        ready.add(new Batch<>(++batchCount, items, takeSkipped()));
        groupClosed = true;
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
    }
}
