package dropbridge.delivery;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;

/** JSON written straight to a stream as UTF-8: request bodies ({@link JsonBody}) and outcome lines ({@link OutcomeFiles}). */
final class StreamingJson {

    // a mapper's factory, so that values held as Jackson trees (a record, a payload, a returned
    // profile) can be written in; without the mapper's flush after each tree, which made every
    // outcome line its own write to the file
    private static final ObjectMapper TREES = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private StreamingJson() {
    }

    static JsonGenerator to(OutputStream out) throws IOException {
        return TREES.getFactory().createGenerator(out, JsonEncoding.UTF8);
    }
}
