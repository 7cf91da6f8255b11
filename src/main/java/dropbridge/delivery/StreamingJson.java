package dropbridge.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** JSON written straight to a stream as UTF-8: request bodies ({@link JsonBody}) and outcome lines ({@link OutcomeFiles}). */
public final class StreamingJson {

    // a mapper's factory, so that values held as Jackson trees (a record, a payload, a returned
    // profile) can be written in; without the mapper's flush after each tree, which made every
    // outcome line its own write to the file
    private static final ObjectMapper TREES = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private StreamingJson() {
    }

    static JsonGenerator to(OutputStream out) throws IOException {
        return TREES.getFactory().createGenerator(out, JsonEncoding.UTF8);
    }

    /**
     * Writes a value held as a tree, as the mapper would: texts, booleans, nulls, objects and
     * arrays straight out, numbers (in the exact form they were read) through the mapper, which
     * looks up a serializer and makes a provider for every value it is given (one per success line
     * or sent event otherwise).
     */
    public static void write(JsonGenerator out, JsonNode value) throws IOException {
        switch (value.getNodeType()) {
            case STRING -> out.writeString(value.textValue());
            case BOOLEAN -> out.writeBoolean(value.booleanValue());
            case NULL -> out.writeNull();
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    out.writeFieldName(field.getKey());
                    write(out, field.getValue());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : value) {
                    write(out, element);
                }
                out.writeEndArray();
            }
            default -> out.writeTree(value);
        }
    }
}
