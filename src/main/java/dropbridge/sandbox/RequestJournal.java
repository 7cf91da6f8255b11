package dropbridge.sandbox;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Deque;
import java.util.List;

/** What a simulated API was sent: every request counted, the latest {@value #KEPT} kept whole. */
public final class RequestJournal {

    static final int KEPT = 2000;

    private final Deque<SandboxRequest> latest = new ArrayDeque<>();
    private final Deque<Long> arrivals = new ArrayDeque<>();
    private final Set<SandboxRequest> faulted = Collections.newSetFromMap(new IdentityHashMap<>());
    private long count;
    private int open;
    private int mostOpen;

    synchronized void record(SandboxRequest request) {
        count++;
        latest.addLast(request);
        arrivals.addLast(System.nanoTime());
        if (latest.size() > KEPT) {
            faulted.remove(latest.removeFirst());
            arrivals.removeFirst();
        }
    }

    /** The request got an answer of the faults (scripted or random), not the simulator's. */
    synchronized void faulted(SandboxRequest request) {
        faulted.add(request);
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

    /** The requests kept that the simulator answered itself, not a scripted or random fault. */
    public synchronized List<SandboxRequest> simulated() {
        return latest.stream().filter(request -> !faulted.contains(request)).toList();
    }

    /** When each request kept arrived ({@link System#nanoTime()}), in the order of {@link #requests()}. */
    public synchronized List<Long> arrivalNanos() {
        return List.copyOf(arrivals);
    }

    public synchronized void clear() {
        faulted.clear();
        arrivals.clear();
        count = 0;
        mostOpen = open;
        latest.clear();
    }
}
