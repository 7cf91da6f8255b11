package dropbridge.record;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A file's records read on a thread of their own, a few chunks ahead of the one who takes them:
 * decoding and parsing the text then overlap with forming and sending batches, instead of holding
 * up the one thread that hands batches out. At most {@value #CHUNKS} chunks wait, each of
 * {@value #CHUNK_SIZE} records or {@value #CHUNK_BYTES} bytes of the file, whichever comes first,
 * so memory stays bounded however large the file and its records.
 *
 * <p>Records come out in file order. An unreadable rest of the file comes out after the records
 * before it, as the exception the reader threw, and {@link #linesRead()} then says what the reader
 * said at that point.
 */
public final class ReadAheadRecords implements RecordReader {

    static final int CHUNK_SIZE = 128;
    static final int CHUNKS = 2;
    static final long CHUNK_BYTES = 1 << 20;

    /** Records read one after the other; {@code failure} ends the file after them, as {@code last} does. */
    private record Chunk(List<ReadResult> results, long linesRead, Throwable failure, boolean last) {
    }

    private final RecordReader records;
    private final LongSupplier bytesRead;
    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread reading;
    private volatile boolean closed;
    private volatile Throwable unexpected;
    private Chunk current;
    private int taken;

    /**
     * Starts reading {@code records} at once, on a thread named for {@code file}.
     *
     * @param bytesRead how many bytes of the file the reader has taken so far
     */
    public ReadAheadRecords(RecordReader records, LongSupplier bytesRead, String file) {
        this.records = records;
        this.bytesRead = bytesRead;
        this.reading = new Thread(this::readAhead, "read-ahead " + file);
        reading.setDaemon(true);
        reading.start();
    }

    private void readAhead() {
        boolean more = true;
        try {
            while (more && !closed) {
                List<ReadResult> results = new ArrayList<>(CHUNK_SIZE);
                long full = bytesRead.getAsLong() + CHUNK_BYTES;
                Throwable failure = null;
                try {
                    while (results.size() < CHUNK_SIZE && bytesRead.getAsLong() < full && (more = records.hasNext())) {
                        results.add(records.next());
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                    more = false;
                }
                chunks.put(new Chunk(results, records.linesRead(), failure, !more));
            }
        } catch (InterruptedException e) {
            // closed while a chunk waited for room: nobody takes it
        } catch (RuntimeException | Error e) {
            // outside the reader (no memory left for a chunk): the taker learns it from take()
            unexpected = e;
        }
    }

    @Override
    public boolean hasNext() {
        while (current == null || taken == current.results().size()) {
            if (current != null && current.last()) {
                if (current.failure() != null) {
                    throw rethrown(current.failure());
                }
                return false;
            }
            current = take();
            taken = 0;
        }
        return true;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.results().get(taken++);
    }

    /** Exact once a chunk is taken whole, as where a failure comes out; inside a chunk, the line before the next record's. */
    @Override
    public long linesRead() {
        if (current == null) {
            return 0;
        }
        return taken < current.results().size() ? current.results().get(taken).line() - 1 : current.linesRead();
    }

    @Override
    public List<String> columns() {
        return records.columns();
    }

    /** Stops the reading thread, waiting a moment for it to leave the reader, then closes the reader. */
    @Override
    public void close() {
        closed = true;
        reading.interrupt();
        chunks.clear();
        try {
            reading.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        records.close();
    }

    /** The next chunk; never waits for one that cannot come (the reader closed, or its thread gone). */
    private Chunk take() {
        try {
            while (true) {
                Chunk chunk = chunks.poll(200, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
                if (closed || !reading.isAlive() && chunks.isEmpty()) {
                    throw new IllegalStateException("the records of the file are no longer read"
                            + (unexpected == null ? "" : ": " + unexpected), unexpected);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next records of the file", e);
        }
    }

    /** The reader's own failure, thrown here as it was there: an unchecked exception or an error. */
    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
