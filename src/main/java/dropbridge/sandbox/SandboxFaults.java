package dropbridge.sandbox;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The knobs that make a simulated API misbehave: latency on every answer, a random share of
 * failures, and answers scripted for the next requests (tests use those to script a peer).
 */
public final class SandboxFaults {

    private final Queue<SandboxAnswer> scripted = new ConcurrentLinkedQueue<>();
    private final long defaultLatencyMs;
    private final double defaultFailureRate;
    private volatile long latencyMs;
    private volatile double failureRate;

    public SandboxFaults(long latencyMs, double failureRate) {
        this.defaultLatencyMs = latencyMs;
        this.defaultFailureRate = failureRate;
        reset();
    }

    /** The next {@code times} requests get {@code answer} instead of the simulated one. */
    public void answerNext(int times, int status, String body) {
        answerNext(times, new SandboxAnswer(status, body));
    }

    public void answerNext(int times, SandboxAnswer answer) {
        for (int i = 0; i < times; i++) {
            scripted.add(answer);
        }
    }

    public void latencyMs(long latencyMs) {
        this.latencyMs = latencyMs;
    }

    public long latencyMs() {
        return latencyMs;
    }

    public void failureRate(double failureRate) {
        this.failureRate = failureRate;
    }

    /** A scripted answer, else a random 503 at the configured failure rate, else nothing. */
    Optional<SandboxAnswer> injected() {
        SandboxAnswer next = scripted.poll();
        if (next != null) {
            return Optional.of(next);
        }
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            return Optional.of(new SandboxAnswer(503, "{\"msg\":\"Service Unavailable (injected by the sandbox)\"}"));
        }
        return Optional.empty();
    }

    /** Back to the configured latency and failure rate, with no scripted answers. */
    public void reset() {
        scripted.clear();
        latencyMs = defaultLatencyMs;
        failureRate = defaultFailureRate;
    }
}
