package dropbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rabbitpre's event import with its token endpoint: tokens are issued for the right app id and
 * secret (100100 otherwise) and expire after a configurable time; events need a live
 * {@code X-Token} (100200 otherwise), at most 500 per request, identities and a known eventKey.
 */
public final class RabbitpreSandbox {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String appId;
    private final String appSecret;
    private final long tokenLifetimeSeconds;
    private final Set<String> eventKeys;
    private final Clock clock;
    private final Map<String, Instant> liveTokens = new ConcurrentHashMap<>();
    private final Set<String> uuidsSeen = ConcurrentHashMap.newKeySet();
    private volatile int refusalStatus = 200;
    private final SimulatedApi tokens;
    private final SimulatedApi events;

    public RabbitpreSandbox(String appId, String appSecret, long tokenLifetimeSeconds, Set<String> eventKeys,
            SandboxFaults tokenFaults, SandboxFaults eventFaults, Clock clock) {
        this.appId = appId;
        this.appSecret = appSecret;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        this.eventKeys = Set.copyOf(eventKeys);
        this.clock = clock;
        this.tokens = new Endpoint("GET", "/rabbitpre/api/open/app/getOrgAccessToken", tokenFaults) {
            @Override
            protected SandboxAnswer simulate(SandboxRequest request) {
                return issueToken(request);
            }
        };
        this.events = new Endpoint("POST", "/rabbitpre/api/open/event/batchAdd", eventFaults) {
            @Override
            protected SandboxAnswer simulate(SandboxRequest request) {
                return importEvents(request);
            }
        };
    }

    public SimulatedApi tokens() {
        return tokens;
    }

    public SimulatedApi events() {
        return events;
    }

    /** Every token issued so far stops working, as if they had all expired. */
    public void expireTokens() {
        liveTokens.clear();
    }

    /** The uuids of every event accepted since the last reset. */
    public Set<String> uuidsSeen() {
        return Set.copyOf(uuidsSeen);
    }

    /** The HTTP status of an answer that refuses the events (its code 400 in the body): 200, as documented, or another. */
    public void refusalStatus(int status) {
        refusalStatus = status;
    }

    /** Forgets requests, seen uuids, scripted faults and the refusal status; tokens already issued stay valid. */
    public void reset() {
        refusalStatus = 200;
        tokens.reset();
        events.reset();
        uuidsSeen.clear();
    }

    private SandboxAnswer issueToken(SandboxRequest request) {
        if (!appId.equals(request.query().get("instanceAppid")) || !appSecret.equals(request.query().get("instanceSecrect"))) {
            return answer("100100", "APPID_OR_SECRET_ERROR", "instanceAppid or instanceSecrect is wrong");
        }
        String token = UUID.randomUUID().toString();
        liveTokens.put(token, clock.instant().plusSeconds(tokenLifetimeSeconds));
        ObjectNode body = NODES.objectNode().put("code", "200").put("errorCode", "SUCCESS").put("msg", "ok");
        body.putObject("data")
                .put("orgAccessToken", token)
                .put("orgRefreshToken", UUID.randomUUID().toString())
                .put("expire", tokenLifetimeSeconds);
        return new SandboxAnswer(200, body.toString());
    }

    private SandboxAnswer importEvents(SandboxRequest request) {
        Instant expiry = liveTokens.get(String.valueOf(request.header("X-Token")));
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            return answer("100200", "TOKEN_INVALID", "token is invalid or expired");
        }
        JsonNode data = SimulatedApi.json(request.body()).path("data");
        if (!data.isArray() || data.isEmpty() || data.size() > 500) {
            return refusal("PARAM_ERROR", "data must hold 1 to 500 events");
        }
        for (JsonNode event : data) {
            JsonNode identities = event.path("identities");
            if (!identities.isArray() || identities.isEmpty()) {
                return refusal("PARAM_ERROR", "identities is required");
            }
            for (JsonNode identity : identities) {
                if (!identity.hasNonNull("identityValue") || !identity.hasNonNull("identityType")) {
                    return refusal("PARAM_ERROR", "identityValue and identityType are required");
                }
            }
            if (!eventKeys.contains(event.path("eventKey").asText())) {
                return refusal("EVENT_NOT_FOUND", "eventKey " + event.path("eventKey").asText() + " is not defined");
            }
            if (event.path("uuid").asText("").length() > 36) {
                return refusal("PARAM_ERROR", "uuid is longer than 36 characters");
            }
        }
        data.forEach(event -> uuidsSeen.add(event.path("uuid").asText()));
        return answer("200", "SUCCESS", "ok");
    }

    private SandboxAnswer refusal(String errorCode, String msg) {
        return new SandboxAnswer(refusalStatus, NODES.objectNode().put("code", "400").put("errorCode", errorCode).put("msg", msg).toString());
    }

    private static SandboxAnswer answer(String code, String errorCode, String msg) {
        return new SandboxAnswer(200, NODES.objectNode().put("code", code).put("errorCode", errorCode).put("msg", msg).toString());
    }

    /** One endpoint of the simulator. */
    private abstract static class Endpoint extends SimulatedApi {

        private final String method;
        private final String path;

        Endpoint(String method, String path, SandboxFaults faults) {
            super(faults);
            this.method = method;
            this.path = path;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }
    }
}
