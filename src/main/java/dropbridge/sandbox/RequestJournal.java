package dropbridge.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What a simulated API was sent: every request counted, the latest {@value #KEPT} kept whole. */
public final class RequestJournal {

    static final int KEPT = 2000;

    private final Deque<SandboxRequest> latest = new ArrayDeque<>();
    private long count;
    private int open;
    private int mostOpen;

    synchronized void record(SandboxRequest request) {
        count++;
        latest.addLast(request);
        if (latest.size() > KEPT) {
            latest.removeFirst();
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
        return List.copyOf(latest);
    }

    public synchronized void clear() {
        count = 0;
        mostOpen = open;
        latest.clear();
    }
}
