package dropbridge.ptengine;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.delivery.Checked;
import dropbridge.record.SourceRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Ptengine's contract for one user: a non-empty {@code user_id}, at most 50 attributes, names of
 * at most 50 characters, values of at most 128 characters (characters, not bytes). A JSON value
 * that is null counts as absent; nested objects and arrays cannot be sent.
 */
final class PtengineCheck {

    static final String USER_ID = "user_id";
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_NAME_LENGTH = 50;
    static final int MAX_VALUE_LENGTH = 128;

    private PtengineCheck() {
    }

    static Checked<PtengineRow> check(SourceRecord record) {
        int size = record.fields().size();
        List<String> names = new ArrayList<>(size);
        List<String> values = new ArrayList<>(size);
        String userId = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull() || value.isMissingNode()) {
                continue;
            }
            if (value.isContainerNode()) {
                return Checked.rejected("nested-value", "attribute " + name + " holds a nested "
                        + (value.isArray() ? "array" : "object") + "; Ptengine takes only text, numbers and booleans");
            }
            if (value.isBigDecimal() && plainLength(value.decimalValue()) > MAX_VALUE_LENGTH) {
                return Checked.rejected("value-too-long", "attribute " + name + " is a number longer than "
                        + MAX_VALUE_LENGTH + " characters written out");
            }
            String text = value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
            if (name.equals(USER_ID)) {
                userId = text;
                names.add(0, name);
                values.add(0, text);
            } else {
                names.add(name);
                values.add(text);
            }
        }
        if (userId == null || userId.isBlank()) {
            return Checked.rejected("missing-user-id", "user_id is missing or empty");
        }
        if (names.size() > MAX_ATTRIBUTES) {
            return Checked.rejected("too-many-attributes",
                    names.size() + " attributes; Ptengine takes at most " + MAX_ATTRIBUTES + " including user_id");
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (length(name) > MAX_NAME_LENGTH) {
                return Checked.rejected("name-too-long", "attribute name " + name + " has " + length(name)
                        + " characters; Ptengine takes at most " + MAX_NAME_LENGTH);
            }
            if (length(values.get(i)) > MAX_VALUE_LENGTH) {
                return Checked.rejected("value-too-long", "value of " + name + " has " + length(values.get(i))
                        + " characters; Ptengine takes at most " + MAX_VALUE_LENGTH);
            }
        }
        return Checked.ok(new PtengineRow(Collections.unmodifiableList(names), Collections.unmodifiableList(values)));
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The length of a number written without an exponent, reckoned without writing it (1e999999999 would not fit in memory). */
    private static long plainLength(java.math.BigDecimal number) {
        long digits = number.precision();
        long scale = number.scale();
        return scale <= 0 ? digits - scale : Math.max(digits, scale + 1) + 1;
    }
}
