package dropbridge.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a simulated API was sent: every request counted, the latest {@value #KEPT} kept whole, as
 * long as their bodies hold at most {@value #KEPT_CHARS} characters (so the sandbox keeps to a few
 * MB of heap beside the application however much it is sent).
 */
public final class RequestJournal {

    static final int KEPT = 2000;
    static final long KEPT_CHARS = 4_000_000;

    private final Deque<Entry> latest = new ArrayDeque<>();
    private long count;
    private long keptChars;
    private int open;
    private int mostOpen;

    /**
     * @param faulted the request got an answer of the faults (scripted or random), not the simulator's
     */
    synchronized void record(SandboxRequest request, boolean faulted) {
        count++;
        latest.addLast(new Entry(request, System.nanoTime(), faulted));
        keptChars += chars(request);
        while (latest.size() > KEPT || (keptChars > KEPT_CHARS && latest.size() > 1)) {
            keptChars -= chars(latest.removeFirst().request());
        }
    }

    /** A request is being answered (the answer may be delayed by the latency knob). */
    synchronized void opened() {
        open++;
        mostOpen = Math.max(mostOpen, open);
    }

    synchronized void closed() {
        open--;
    }

    /** The most requests that were being answered at the same moment. */
    public synchronized int mostConcurrent() {
        return mostOpen;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized List<SandboxRequest> requests() {
        return latest.stream().map(Entry::request).toList();
    }

    /** The requests kept that the simulator answered itself, not a scripted or random fault. */
    public synchronized List<SandboxRequest> simulated() {
        return latest.stream().filter(entry -> !entry.faulted()).map(Entry::request).toList();
    }

    /** When each request kept arrived ({@link System#nanoTime()}), in the order of {@link #requests()}. */
    public synchronized List<Long> arrivalNanos() {
        return latest.stream().map(Entry::arrivalNanos).toList();
    }

    public synchronized void clear() {
        count = 0;
        mostOpen = open;
        latest.clear();
        keptChars = 0;
    }

    private static long chars(SandboxRequest request) {
        return request.body() == null ? 0 : request.body().length();
    }

    private record Entry(SandboxRequest request, long arrivalNanos, boolean faulted) {
    }
}
