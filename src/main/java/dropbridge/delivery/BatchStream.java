package dropbridge.delivery;

import dropbridge.record.ReadResult;
import dropbridge.record.RecordReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;

/**
 * Reads a file record by record and yields API-sized batches of the records that pass the
 * contract check. Records that cannot be read or fail the check go to the run's error outcomes
 * as they are met. Only the open (not yet full) batches are held in memory, one per group,
 * and at most {@value #MAX_OPEN_GROUPS} of them: past that, the oldest is sent part-full.
 */
final class BatchStream<T> implements Iterator<Batch<T>> {

    static final int MAX_OPEN_GROUPS = 64;

    private final RecordReader reader;
    private final ApiContract<T> contract;
    private final FileRun<T> run;
    private final Map<Object, List<BatchItem<T>>> openGroups = new LinkedHashMap<>();
    private final Queue<Batch<T>> ready = new ArrayDeque<>();
    private int batchCount;
    private boolean exhausted;

    BatchStream(RecordReader reader, ApiContract<T> contract, FileRun<T> run) {
        this.reader = reader;
        this.contract = contract;
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
        } else if (run.stopped()) {
            run.notSent(result.record());
        } else {
            Checked<T> checked = contract.check(result.record(), run.source());
            if (checked.passed()) {
                add(new BatchItem<>(result.record(), checked.payload()));
            } else {
                run.checkFailed(result.record(), checked);
            }
        }
    }

    private void add(BatchItem<T> item) {
        Object group = contract.groupOf(item.payload());
        List<BatchItem<T>> items = openGroups.computeIfAbsent(group, g -> new ArrayList<>());
        items.add(item);
        if (items.size() >= contract.batchSize()) {
            close(group);
        } else if (openGroups.size() > MAX_OPEN_GROUPS) {
            close(openGroups.keySet().iterator().next());
        }
    }

    private void close(Object group) {
        ready.add(new Batch<>(++batchCount, openGroups.remove(group)));
    }

    private void closeAllGroups() {
        while (!openGroups.isEmpty()) {
            close(openGroups.keySet().iterator().next());
        }
        exhausted = true;
    }
}
