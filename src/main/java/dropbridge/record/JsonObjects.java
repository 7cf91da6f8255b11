package dropbridge.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The text of one JSON record as a record: anything but one JSON object is an unreadable record. */
final class JsonObjects {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private JsonObjects() {
    }

    /** @param unit what the text is in its file, such as "line", for the problem of an unreadable record */
    static ReadResult read(long line, String text, String unit) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return ReadResult.of(new SourceRecord(line, object));
            }
            return ReadResult.unreadable(line, text, unit + " is not a JSON object");
        } catch (JsonProcessingException e) {
            return ReadResult.unreadable(line, text, unit + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
