package dropbridge.engagelab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.ApiAnswer;
import dropbridge.delivery.ApiContract;
import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchItem;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.Checked;
import dropbridge.delivery.HttpFailures;
import dropbridge.delivery.JsonBody;
import dropbridge.delivery.ItemOutcome;
import dropbridge.delivery.RequestPacer;
import dropbridge.delivery.RetryableApiException;
import dropbridge.record.RecordFormat;
import dropbridge.record.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code engagelab-profile-query} pipeline: EUIDs to EngageLab MA {@code POST /v1/user/profile},
 * up to 100 per request, HTTP Basic auth, paced (by the route) under the project's requests-per-minute limit.
 * Every EUID gets its own outcome from {@code data[].error_code}; one missing from the answer fails.
 */
public final class EngageLabProfileQuery implements ApiContract<Long> {

    public static final String PIPELINE = "engagelab-profile-query";
    public static final int MAX_BATCH_SIZE = 100;
    public static final int MAX_REQUESTS_PER_MINUTE = 1000;

    static final int OK = 0;
    static final int BAD_PARAMETERS = 55004;
    static final int RATE_LIMITED = 55110;
    static final int AUTHENTICATION_FAILED = 40050;
    static final int SYSTEM_ERROR = 55000;
    static final int INVALID_EUID = 55108;
    private static final Map<Integer, String> MEANINGS = Map.of(
            BAD_PARAMETERS, "bad parameters",
            RATE_LIMITED, "rate limit exceeded",
            AUTHENTICATION_FAILED, "authentication failed",
            SYSTEM_ERROR, "system error",
            INVALID_EUID, "invalid or unknown EUID",
            40007, "EUID empty",
            50031, "invalid project id",
            50034, "project not found",
            50074, "API data source not found");
    private static final String[] FIELD_LISTS = {"user_identities", "user_properties", "device_properties", "contacts"};

    private final String url;
    private final String apiKey;
    private final String apiSecret;
    private final int batchSize;
    private final int inFlight;
    private final Map<String, List<String>> fields;
    private final RequestPacer pacer;

    /**
     * @param fields which keys to ask for under each of {@code user_identities},
     *               {@code user_properties}, {@code device_properties}, {@code contacts}; an empty list asks for all
     * @param pacer  the pacing the route waits for before each request; answers here slow it down or ease it
     */
    public EngageLabProfileQuery(String url, String apiKey, String apiSecret, int batchSize, int inFlight,
            Map<String, List<String>> fields, RequestPacer pacer) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("dropbridge.engagelab.batch-size is " + batchSize
                    + "; EngageLab takes 1 to " + MAX_BATCH_SIZE + " EUIDs per request");
        }
        this.url = url;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        this.fields = Map.copyOf(fields);
        this.pacer = pacer;
    }

    @Override
    public void requireCredentials() {
        if (apiKey == null || apiKey.isBlank() || apiSecret == null || apiSecret.isBlank()) {
            throw new IllegalStateException("the EngageLab API key or secret is not set: set ENGAGELAB_API_KEY and ENGAGELAB_API_SECRET");
        }
    }

    /** The value of the {@code Authorization} header: {@code Basic base64(key:secret)}. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String pipeline() {
        return PIPELINE;
    }

    @Override
    public Set<RecordFormat> formats() {
        return Set.of(RecordFormat.LINES, RecordFormat.CSV, RecordFormat.JSON_LINES, RecordFormat.JSON);
    }

    @Override
    public String requiredCsvColumn() {
        return EuidCheck.FIELD;
    }

    @Override
    public String lineField() {
        return EuidCheck.FIELD;
    }

    @Override
    public Checked<Long> check(SourceRecord record, String source) {
        return EuidCheck.check(record);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public byte[] requestBody(Batch<Long> batch) {
        return JsonBody.write(batch.items().size() * 12 + 64, out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("euid");
            for (BatchItem<Long> item : batch.items()) {
                out.writeNumber(item.payload());
            }
            out.writeEndArray();
            for (String list : FIELD_LISTS) {
                List<String> names = fields.getOrDefault(list, List.of());
                if (!names.isEmpty()) {
                    out.writeArrayFieldStart(list);
                    for (String name : names) {
                        out.writeString(name);
                    }
                    out.writeEndArray();
                }
            }
            out.writeEndObject();
        });
    }

    @Override
    public BatchOutcome classify(ApiAnswer answer, Batch<Long> batch) throws RetryableApiException {
        JsonNode json = answer.json();
        int code = json.path("code").asInt(answer.isSuccess() ? OK : -1);
        String message = answer.message("message");
        if (code == RATE_LIMITED || answer.status() == 429) {
            pacer.slowDown();
            throw new RetryableApiException(String.valueOf(RATE_LIMITED), "EngageLab rate limit exceeded: " + message, answer.retryAfter());
        }
        pacer.recovered();
        if (code == SYSTEM_ERROR) {
            throw new RetryableApiException(String.valueOf(SYSTEM_ERROR), "EngageLab system error: " + message);
        }
        if (code == AUTHENTICATION_FAILED) {
            return BatchOutcome.stopFile(batch, String.valueOf(code),
                    "EngageLab refused the credentials (" + code + ": " + message + "); check ENGAGELAB_API_KEY and ENGAGELAB_API_SECRET");
        }
        if (code != OK && code != -1) {
            String reason = "EngageLab rejected the request (" + code + " " + MEANINGS.getOrDefault(code, "unknown code") + "): " + message;
            return code == BAD_PARAMETERS ? BatchOutcome.refused(batch, String.valueOf(code), reason)
                    : BatchOutcome.allFailed(batch, String.valueOf(code), reason);
        }
        return HttpFailures.classify("EngageLab", answer, batch, message, "ENGAGELAB_API_KEY and ENGAGELAB_API_SECRET", url)
                .orElseGet(() -> perEuid(json.path("data"), batch));
    }

    private static BatchOutcome perEuid(JsonNode data, Batch<Long> batch) {
        Map<Long, JsonNode> answered = new HashMap<>();
        for (JsonNode item : data) {
            answered.put(item.path("euid").asLong(), item);
        }
        List<ItemOutcome> outcomes = new ArrayList<>(batch.size());
        for (BatchItem<Long> item : batch.items()) {
            JsonNode profile = answered.get(item.payload());
            if (profile == null) {
                outcomes.add(ItemOutcome.failed(item.source(), "not-in-answer",
                        "EngageLab's answer has no entry for euid " + item.payload()));
                continue;
            }
            int errorCode = profile.path("error_code").asInt(OK);
            if (errorCode == OK) {
                outcomes.add(ItemOutcome.delivered(item.source(), successFields(item.payload(), profile)));
            } else {
                outcomes.add(ItemOutcome.failed(item.source(), String.valueOf(errorCode),
                        MEANINGS.getOrDefault(errorCode, "EngageLab error") + " (" + errorCode + ")"));
            }
        }
        return new BatchOutcome(outcomes, null);
    }

    /** The profile as returned, nulls kept, under the EUID that was asked for. */
    private static ObjectNode successFields(long euid, JsonNode profile) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("euid", euid);
        ObjectNode returned = fields.putObject("profile");
        for (String list : FIELD_LISTS) {
            if (profile.has(list)) {
                returned.set(list, profile.get(list));
            }
        }
        return fields;
    }
}
