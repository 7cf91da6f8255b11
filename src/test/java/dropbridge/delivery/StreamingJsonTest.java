package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A tree written by StreamingJson comes out byte for byte as the mapper writes it. */
class StreamingJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindOfValueIsWrittenAsTheMapperWritesIt() throws Exception {
        JsonNode tree = JSON.readTree("""
                {"user_id":"user-1","city":"上海 \\"quoted\\"\\n","score":919,"big":12345678901234,
                 "ratio":0.25,"exact":1.10e3,"gold":true,"none":null,"empty":{},"list":[],
                 "nested":{"tags":["a",1,false,null,{"deep":[[]]}]}}""");
        assertEquals(JSON.writeValueAsString(tree), written(tree));
        assertEquals("\"just text\"", written(JSON.readTree("\"just text\"")));
    }

    private static String written(JsonNode tree) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = StreamingJson.to(bytes)) {
            StreamingJson.write(out, tree);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
