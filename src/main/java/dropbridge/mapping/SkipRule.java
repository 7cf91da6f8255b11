package dropbridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One of a mapping's skip rules: a record whose {@code column} (the dropped file's own column or
 * JSON key) meets the condition is not sent, and its skipped line gives {@code reason}.
 */
record SkipRule(String column, Predicate<String> condition, String reason) {

    static SkipRule equalTo(String column, String value, String reason) {
        return new SkipRule(column, value::equals, reason != null ? reason : column + " is " + value);
    }

    static SkipRule in(String column, List<String> values, String reason) {
        Set<String> set = Set.copyOf(values);
        return new SkipRule(column, set::contains, reason != null ? reason : column + " is one of " + values);
    }

    static SkipRule empty(String column, String reason) {
        return new SkipRule(column, String::isBlank, reason != null ? reason : column + " is empty");
    }

    /** The whole value must match (a value of a record is bounded by the record limit). */
    static SkipRule matching(String column, Pattern pattern, String reason) {
        return new SkipRule(column, value -> pattern.matcher(value).matches(), reason != null ? reason : column + " matches " + pattern);
    }

    /** A column the record lacks, or a JSON null, is an empty value. */
    boolean applies(JsonNode value) {
        return condition.test(value == null || value.isNull() ? "" : value.asText());
    }
}
