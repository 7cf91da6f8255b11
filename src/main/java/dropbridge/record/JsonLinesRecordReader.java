package dropbridge.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;

/** JSON Lines: one JSON object per line; any other line is a read error for that line only. */
final class JsonLinesRecordReader extends LineByLineReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    JsonLinesRecordReader(Reader text, RecordLimit limit) {
        super(text, limit);
    }

    @Override
    ReadResult parse(long line, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return ReadResult.of(new SourceRecord(line, object));
            }
            return ReadResult.unreadable(line, text, "line is not a JSON object");
        } catch (JsonProcessingException e) {
            return ReadResult.unreadable(line, text, "line is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
