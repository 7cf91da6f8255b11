package dropbridge.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What a simulated API was sent: every request counted, the latest {@value #KEPT} kept whole. */
public final class RequestJournal {

    static final int KEPT = 2000;

    private final Deque<SandboxRequest> latest = new ArrayDeque<>();
    private long count;

    synchronized void record(SandboxRequest request) {
        count++;
        latest.addLast(request);
        if (latest.size() > KEPT) {
            latest.removeFirst();
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized List<SandboxRequest> requests() {
        return List.copyOf(latest);
    }

    public synchronized void clear() {
        count = 0;
        latest.clear();
    }
}
