package dropbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ptengine's user attribute upload as its API page describes it: Bearer key, {@code field_name}
 * with {@code user_id}, at most 50 names of at most 50 characters, at most 100 rows of values of
 * at most 128 characters, upsert by {@code user_id}. The store keeps the latest users up to a limit.
 * A request holding the refused value anywhere is refused as a whole (HTTP 400), as a strict API
 * refuses a batch for one bad record.
 */
public final class PtengineSandbox extends SimulatedApi {


    private final String apiKey;
    private final int storeLimit;
    private final String refusedValue;
    private final Clock clock;
    private final Map<String, Map<String, String>> users;

    public PtengineSandbox(String apiKey, int storeLimit, String refusedValue, SandboxFaults faults, Clock clock) {
        super(faults);
        this.apiKey = apiKey;
        this.storeLimit = storeLimit;
        this.refusedValue = refusedValue;
        this.clock = clock;
        this.users = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
                return size() > PtengineSandbox.this.storeLimit;
            }
        };
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/ptengine/v1/user/profiles";
    }

    @Override
    protected SandboxAnswer simulate(SandboxRequest request) {
        if (!("Bearer " + apiKey).equals(request.header("Authorization"))) {
            return answer(401, "Invalid or missing API key");
        }
        JsonNode body = json(request.body());
        if (!body.isObject()) {
            return answer(400, "Request body must be a JSON object");
        }
        return invalid(body).or(() -> refused(body)).map(reason -> answer(400, reason)).orElseGet(() -> {
            upsert(body);
            return answer(200, "Success");
        });
    }


    private static Optional<String> invalid(JsonNode body) {
        JsonNode names = body.get("field_name");
        JsonNode values = body.get("values");
        if (names == null || !names.isArray() || values == null || !values.isArray()) {
            return Optional.of("field_name and values are required arrays");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode name : names) {
            if (!name.isTextual() || name.asText().isEmpty()) {
                return Optional.of("field_name must hold non-empty strings");
            }
            if (length(name.asText()) > 50) {
                return Optional.of("field name longer than 50 characters: " + name.asText());
            }
            if (!seen.add(name.asText())) {
                return Optional.of("duplicate field name: " + name.asText());
            }
        }
        if (!seen.contains("user_id")) {
            return Optional.of("field_name must contain user_id");
        }
        if (names.size() > 50) {
            return Optional.of("at most 50 fields are allowed, got " + names.size());
        }
        if (values.isEmpty() || values.size() > 100) {
            return Optional.of("values must hold 1 to 100 users, got " + values.size());
        }
        for (JsonNode row : values) {
            if (!row.isArray() || row.size() != names.size()) {
                return Optional.of("each row of values must have one value per field_name");
            }
            for (JsonNode value : row) {
                if (!value.isTextual()) {
                    return Optional.of("values must be strings");
                }
                if (length(value.asText()) > 128) {
                    return Optional.of("value longer than 128 characters");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> refused(JsonNode body) {
        for (JsonNode row : body.get("values")) {
            for (JsonNode value : row) {
                if (value.asText().equals(refusedValue)) {
                    return Optional.of("value not accepted: " + refusedValue + " (the sandbox refuses it)");
                }
            }
        }
        return Optional.empty();
    }

    private synchronized void upsert(JsonNode body) {
        JsonNode names = body.get("field_name");
        int userIdAt = 0;
        while (!names.get(userIdAt).asText().equals("user_id")) {
            userIdAt++;
        }
        for (JsonNode row : body.get("values")) {
            Map<String, String> attributes = users.computeIfAbsent(row.get(userIdAt).asText(), id -> new LinkedHashMap<>());
            for (int i = 0; i < names.size(); i++) {
                attributes.put(names.get(i).asText(), row.get(i).asText());
            }
        }
    }

    /** The stored attributes of a user, as the upserts left them. */
    public synchronized Optional<Map<String, String>> user(String userId) {
        return Optional.ofNullable(users.get(userId)).map(Map::copyOf);
    }

    @Override
    public synchronized void reset() {
        super.reset();
        users.clear();
    }

    private SandboxAnswer answer(int status, String msg) {
        return new SandboxAnswer(status, JsonNodeFactory.instance.objectNode()
                .put("msg", msg)
                .put("timestamp", clock.instant().getEpochSecond())
                .toString());
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
