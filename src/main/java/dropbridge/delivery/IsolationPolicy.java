package dropbridge.delivery;

/**
 * When a batch the API refused as a whole is isolated ({@code dropbridge.isolation.*}, documented
 * in application.properties): a file isolates its first {@code minBatches} refused batches, and
 * after those only while its isolated batches stay within {@code maxShare} of its batches so far,
 * so a file whose every batch is refused does not cost many requests for each of its batches.
 */
public record IsolationPolicy(boolean enabled, double maxShare, int minBatches, int maxRequestsPerBatch) {

    public IsolationPolicy {
        if (maxShare < 0 || maxShare > 1) {
            throw new IllegalArgumentException("dropbridge.isolation.max-share is " + maxShare + "; it is a share from 0 to 1");
        }
        if (minBatches < 1) {
            throw new IllegalArgumentException("dropbridge.isolation.min-batches is " + minBatches + "; it is at least 1");
        }
        if (maxRequestsPerBatch < 2) {
            throw new IllegalArgumentException("dropbridge.isolation.max-requests-per-batch is " + maxRequestsPerBatch
                    + "; isolating takes at least 2 requests");
        }
    }

    /** Whether a file that isolated {@code isolated} of the {@code batches} it handed out so far may isolate one more. */
    boolean allows(int isolated, int batches) {
        return enabled && (isolated < minBatches || isolated < maxShare * batches);
    }

    /** Why a refused batch was not isolated, for its records' reasons. */
    String whyNot(int isolated, int batches) {
        if (!enabled) {
            return "not isolated: dropbridge.isolation.enabled is false";
        }
        return "not isolated: " + isolated + " of the file's first " + batches + " batches were refused as a whole and isolated"
                + " (dropbridge.isolation.max-share " + maxShare + ")";
    }
}
