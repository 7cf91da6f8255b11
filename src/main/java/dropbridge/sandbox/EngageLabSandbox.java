package dropbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * EngageLab MA's profile query as its API page describes it: Basic auth (40050), 1 to 100
 * numeric EUIDs (55004), a requests-per-window limit (55110), per-EUID answers. Profiles are
 * made up from the EUID; an EUID divisible by 7 is unknown (55108); EUIDs can be left out of
 * the answer on demand. A request holding a refused EUID is refused as a whole (55004), as a
 * strict API refuses a batch for one bad record.
 */
public final class EngageLabSandbox extends SimulatedApi {

    static final long UNKNOWN_DIVISOR = 7;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String authorization;
    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Deque<Long> recent = new ArrayDeque<>();
    private final Set<Long> refused;
    private final Set<Long> omitted = ConcurrentHashMap.newKeySet();
    private long rateLimited;

    public EngageLabSandbox(String apiKey, String apiSecret, int limit, long windowMs, Set<Long> refused, SandboxFaults faults,
            LongSupplier clock) {
        super(faults);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
        this.limit = limit;
        this.refused = Set.copyOf(refused);
        this.windowNanos = windowMs * 1_000_000;
        this.clock = clock;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/engagelab/v1/user/profile";
    }

    @Override
    protected SandboxAnswer simulate(SandboxRequest request) {
        if (!authorization.equals(request.header("Authorization"))) {
            return failure(401, 40050, "Authentication failed");
        }
        if (!withinLimit()) {
            return failure(200, 55110, "Too many requests, please try again later.");
        }
        JsonNode body = json(request.body());
        JsonNode euids = body.path("euid");
        if (!euids.isArray() || euids.isEmpty() || euids.size() > 100) {
            return failure(200, 55004, "EUID count must be between 1 and 100");
        }
        ObjectNode answer = NODES.objectNode().put("code", 0).put("message", "success");
        ArrayNode data = answer.putArray("data");
        for (JsonNode euid : euids) {
            if (!euid.isIntegralNumber() || !euid.canConvertToLong()) {
                return failure(200, 55004, "Invalid request payload format");
            }
            if (refused.contains(euid.asLong())) {
                return failure(200, 55004, "euid " + euid.asLong() + " not accepted (the sandbox refuses it)");
            }
            if (!omitted.contains(euid.asLong())) {
                data.add(profile(euid.asLong(), body));
            }
        }
        return new SandboxAnswer(200, answer.toString());
    }

    /** Leaves these EUIDs out of every answer, as if the API had forgotten them. */
    public void omit(Set<Long> euids) {
        omitted.addAll(euids);
    }

    /** How many requests were answered 55110 since the last reset. */
    public synchronized long rateLimited() {
        return rateLimited;
    }

    @Override
    public synchronized void reset() {
        super.reset();
        omitted.clear();
        recent.clear();
        rateLimited = 0;
    }

    private synchronized boolean withinLimit() {
        long now = clock.getAsLong();
        while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
            recent.removeFirst();
        }
        if (recent.size() >= limit) {
            rateLimited++;
            return false;
        }
        recent.addLast(now);
        return true;
    }

    private static ObjectNode profile(long euid, JsonNode request) {
        ObjectNode item = NODES.objectNode().put("euid", euid);
        if (euid % UNKNOWN_DIVISOR == 0) {
            item.putNull("user_identities").putNull("user_properties").putNull("device_properties").putNull("contacts");
            return item.put("error_code", 55108);
        }
        item.set("user_identities", only(request.path("user_identities"), NODES.objectNode()
                .put("user_id", "user-" + euid).put("anonymous_id", "").putNull("registration_id")));
        item.set("user_properties", only(request.path("user_properties"), NODES.objectNode()
                .put("language", euid % 2 == 0 ? "zh-CN" : "en-US").put("el_utm_source", "sandbox")));
        ArrayNode devices = item.putArray("device_properties");
        devices.addObject().put("el_registration_id", "reg-" + euid).put("el_last_active", 1715413200000L + euid);
        item.set("contacts", only(request.path("contacts"), NODES.objectNode().put("email", euid + "@example.com")));
        return item.put("error_code", 0);
    }

    /** The keys asked for (those that exist), or all of them when none are named. */
    private static ObjectNode only(JsonNode names, ObjectNode all) {
        if (!names.isArray() || names.isEmpty()) {
            return all;
        }
        ObjectNode some = NODES.objectNode();
        names.forEach(name -> {
            if (all.has(name.asText())) {
                some.set(name.asText(), all.get(name.asText()));
            }
        });
        return some;
    }


    private static SandboxAnswer failure(int status, int code, String message) {
        return new SandboxAnswer(status, NODES.objectNode().put("code", code).put("message", message).toString());
    }
}
