package dropbridge.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** A file's isolated batches, for its report's {@code isolation}: batches, extra requests, records refused, batches left whole. */
final class IsolationTally {

    private int batches;
    private long extraRequests;
    private long recordsRefused;
    private int notIsolated;

    /** Counts the refused batch as isolated when the policy allows it; otherwise says why not. */
    synchronized Optional<String> admit(IsolationPolicy policy, int batchesSoFar) {
        if (policy.allows(batches, batchesSoFar)) {
            batches++;
            return Optional.empty();
        }
        notIsolated++;
        return Optional.of(policy.whyNot(batches, batchesSoFar));
    }

    synchronized void add(BatchIsolation<?> isolation) {
        extraRequests += isolation.requests();
        recordsRefused += isolation.refusedRecords();
    }

    synchronized ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode()
                .put("batches", batches)
                .put("extraRequests", extraRequests)
                .put("recordsRefused", recordsRefused)
                .put("batchesNotIsolated", notIsolated);
    }
}
