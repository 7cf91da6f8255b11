package dropbridge.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.record.SourceRecord;

/**
 * What became of one sent record. Delivered: {@code details} are the fields its success line
 * carries (an id, a returned profile). Failed: the API's code and reason. Skipped (not sent: the
 * drop's mapping says so): code {@value #SKIPPED} and the skip rule's reason.
 */
public record ItemOutcome(SourceRecord source, boolean delivered, ObjectNode details, String code, String reason) {

    public static final String SKIPPED = "skipped";

    public static ItemOutcome delivered(SourceRecord source, ObjectNode details) {
        return new ItemOutcome(source, true, details, null, null);
    }

    public static ItemOutcome failed(SourceRecord source, String code, String reason) {
        return new ItemOutcome(source, false, null, code, reason);
    }

    public static ItemOutcome skipped(SourceRecord source, String reason) {
        return new ItemOutcome(source, false, null, SKIPPED, reason);
    }
}
