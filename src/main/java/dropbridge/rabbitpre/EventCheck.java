package dropbridge.rabbitpre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.Checked;
import dropbridge.record.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a record into a Rabbitpre event and checks it: a record with {@code identities} is the
 * documented event shape (JSON Lines); any other record is read with the column mapping
 * ({@code identity.<type>}, {@code eventKey}, {@code time}, {@code uuid}, {@code intid},
 * {@code eventargs.<name>}, optionally {@code platform}, {@code mpid}, {@code isWeChatEcosystem}).
 */
final class EventCheck {

    static final int MAX_UUID_LENGTH = 36;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String IDENTITY_COLUMN = "identity.";
    private static final String ARGUMENT_COLUMN = "eventargs.";

    private EventCheck() {
    }

    static Checked<ObjectNode> check(SourceRecord record, String pipeline, String source) {
        ObjectNode event = record.fields().has("identities") ? record.fields().deepCopy() : fromColumns(record.fields());
        JsonNode identities = event.path("identities");
        if (!identities.isArray() || identities.isEmpty()) {
            return Checked.rejected("missing-identity", "an event needs at least one identity");
        }
        for (JsonNode identity : identities) {
            if (identity.path("identityValue").asText("").isBlank() || identity.path("identityType").asText("").isBlank()) {
                return Checked.rejected("invalid-identity", "every identity needs identityValue and identityType");
            }
            if (identity.hasNonNull("mpid") && !identity.path("isWeChatEcosystem").isBoolean()) {
                return Checked.rejected("invalid-identity", "an identity with mpid needs isWeChatEcosystem (true or false)");
            }
        }
        if (!event.path("eventKey").isTextual() || event.path("eventKey").asText().isBlank()) {
            return Checked.rejected("missing-event-key", "eventKey is missing or empty");
        }
        if (event.hasNonNull("time")) {
            Long millis = epochMillis(event.get("time"));
            if (millis == null) {
                return Checked.rejected("invalid-time", "time " + event.get("time") + " is neither epoch milliseconds nor an ISO-8601 timestamp");
            }
            event.put("time", millis);
        }
        if (!event.hasNonNull("uuid") || event.get("uuid").asText().isEmpty()) {
            event.put("uuid", replayStableUuid(pipeline, source, record));
        } else if (event.get("uuid").asText().length() > MAX_UUID_LENGTH) {
            return Checked.rejected("uuid-too-long", "uuid has more than " + MAX_UUID_LENGTH + " characters");
        }
        return Checked.ok(event);
    }

    /**
     * The same file name and place in it always give the same id, so a replayed file sends the same
     * events: {@code <pipeline>/<file>#<line>}, and for the records after the first on one line (a
     * JSON array written on a single line) {@code #<line>.<how many came before on it>}.
     */
    static String replayStableUuid(String pipeline, String source, SourceRecord record) {
        String place = record.onLine() == 0 ? Long.toString(record.line()) : record.line() + "." + record.onLine();
        return UUID.nameUUIDFromBytes((pipeline + "/" + source + "#" + place).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ObjectNode fromColumns(ObjectNode columns) {
        ObjectNode event = NODES.objectNode();
        var identities = event.putArray("identities");
        ObjectNode arguments = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> column = it.next();
            String name = column.getKey();
            String value = column.getValue().asText("");
            if (value.isEmpty()) {
                continue;
            }
            if (name.startsWith(IDENTITY_COLUMN)) {
                ObjectNode identity = identities.addObject()
                        .put("identityValue", value)
                        .put("identityType", name.substring(IDENTITY_COLUMN.length()));
                copyIfPresent(columns, identity, "platform");
                copyIfPresent(columns, identity, "mpid");
                if (columns.hasNonNull("isWeChatEcosystem") && !columns.get("isWeChatEcosystem").asText().isEmpty()) {
                    identity.put("isWeChatEcosystem", Boolean.parseBoolean(columns.get("isWeChatEcosystem").asText()));
                }
            } else if (name.startsWith(ARGUMENT_COLUMN)) {
                arguments.put(name.substring(ARGUMENT_COLUMN.length()), value);
            } else if (name.equals("eventKey") || name.equals("time") || name.equals("uuid") || name.equals("intid")) {
                event.put(name, value);
            }
        }
        if (!arguments.isEmpty()) {
            event.set("eventargs", arguments);
        }
        return event;
    }

    private static void copyIfPresent(ObjectNode columns, ObjectNode identity, String name) {
        String value = columns.path(name).asText("");
        if (!value.isEmpty()) {
            identity.put(name, value);
        }
    }

    private static Long epochMillis(JsonNode time) {
        if (time.isIntegralNumber()) {
            return time.asLong();
        }
        String text = time.asText().strip();
        if (text.matches("[0-9]+")) {
            return Long.parseLong(text);
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                return null;
            }
        }
    }
}
