package dropbridge.engagelab;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.delivery.Checked;
import dropbridge.record.SourceRecord;

/**
 * An EUID is a positive whole number that fits a Long, given as text or as a JSON number. The
 * check is linear in the value's length: digits beyond what a Long can hold are rejected before
 * any number is built, and a reason shows at most the value's beginning.
 */
final class EuidCheck {

    static final String FIELD = "euid";
    private static final int MAX_LONG_DIGITS = String.valueOf(Long.MAX_VALUE).length();
    private static final int SHOWN_CHARS = 40;

    private EuidCheck() {
    }

    static Checked<Long> check(SourceRecord record) {
        JsonNode value = record.fields().path(FIELD);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return Checked.rejected("missing-euid", "euid is missing or empty");
        }
        if (!value.isIntegralNumber() && !value.isTextual()) {
            return Checked.rejected("invalid-euid", "euid " + shown(value.toString()) + " is not a whole number");
        }
        String text = value.asText().strip();
        boolean negative = text.startsWith("-");
        String unsigned = negative ? text.substring(1) : text;
        if (!isDigits(unsigned)) {
            return Checked.rejected("invalid-euid", "euid " + shown(text) + " is not a whole number");
        }
        String digits = withoutLeadingZeros(unsigned);
        if (negative || digits.isEmpty()) {
            return Checked.rejected("invalid-euid", "euid " + shown(text) + " is not positive");
        }
        if (digits.length() <= MAX_LONG_DIGITS) {
            try {
                return Checked.ok(Long.parseLong(digits));
            } catch (NumberFormatException beyondMaxLong) {
                // 19 digits, above Long.MAX_VALUE
            }
        }
        return Checked.rejected("euid-too-large", "euid " + shown(text) + " does not fit a 64-bit id");
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String withoutLeadingZeros(String digits) {
        int first = 0;
        while (first < digits.length() && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }

    private static String shown(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
