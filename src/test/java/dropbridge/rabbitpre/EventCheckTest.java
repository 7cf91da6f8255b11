package dropbridge.rabbitpre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.record.BadFileException;
import dropbridge.record.RecordFormat;
import dropbridge.record.RecordReader;
import dropbridge.record.ReadOptions;
import dropbridge.record.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ids Rabbitpre deduplicates events by, for events that bring none. */
class EventCheckTest {

    private static final String EVENT = "{\"identities\":[{\"identityType\":\"phone\",\"identityValue\":\"1\"}],\"eventKey\":\"view\"}";

    @Test
    void eventsOnTheirOwnLinesKeepTheIdsOfTheirFileAndLine() throws Exception {
        List<String> ids = uuids("events.jsonl", EVENT + "\n" + EVENT + "\n");

        assertEquals(List.of(named("rabbitpre-events/events.jsonl#1"), named("rabbitpre-events/events.jsonl#2")), ids,
                "the same ids as before records were numbered, so a file replayed after an upgrade is deduplicated");
    }

    @Test
    void eventsOfAJsonArrayOnOneLineEachGetTheirOwnId() throws Exception {
        List<String> ids = uuids("events.json", "[" + EVENT + "," + EVENT + "," + EVENT + "]");

        assertEquals(named("rabbitpre-events/events.json#1"), ids.get(0));
        assertEquals(named("rabbitpre-events/events.json#1.1"), ids.get(1));
        assertEquals(named("rabbitpre-events/events.json#1.2"), ids.get(2));
        assertNotEquals(ids.get(1), ids.get(2));
    }

    private static List<String> uuids(String name, String content) throws IOException, BadFileException {
        List<String> ids = new ArrayList<>();
        try (RecordReader reader = RecordFormat.of(name).orElseThrow()
                .open(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), ReadOptions.defaults(RecordFormat.DEFAULT_MAX_RECORD_CHARS), "line")) {
            reader.forEachRemaining(result -> {
                SourceRecord record = result.record();
                ObjectNode event = EventCheck.check(record, "rabbitpre-events", name).payload();
                ids.add(event.get("uuid").asText());
            });
        }
        return ids;
    }

    private static String named(String place) {
        return UUID.nameUUIDFromBytes(place.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
