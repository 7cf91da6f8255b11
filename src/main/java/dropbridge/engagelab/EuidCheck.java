package dropbridge.engagelab;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.delivery.Checked;
import dropbridge.record.SourceRecord;
import java.math.BigInteger;

/** An EUID is a positive whole number that fits a Long, given as text or as a JSON number. */
final class EuidCheck {

    static final String FIELD = "euid";
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private EuidCheck() {
    }

    static Checked<Long> check(SourceRecord record) {
        JsonNode value = record.fields().path(FIELD);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return Checked.rejected("missing-euid", "euid is missing or empty");
        }
        if (!value.isIntegralNumber() && !value.isTextual()) {
            return Checked.rejected("invalid-euid", "euid " + value + " is not a whole number");
        }
        String text = value.asText().strip();
        if (!text.matches("-?[0-9]+")) {
            return Checked.rejected("invalid-euid", "euid " + text + " is not a whole number");
        }
        BigInteger euid = new BigInteger(text);
        if (euid.signum() <= 0) {
            return Checked.rejected("invalid-euid", "euid " + text + " is not positive");
        }
        if (euid.compareTo(MAX) > 0) {
            return Checked.rejected("euid-too-large", "euid " + text + " does not fit a 64-bit id");
        }
        return Checked.ok(euid.longValue());
    }
}
