package dropbridge.rabbitpre;

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
import dropbridge.delivery.RetryableApiException;
import dropbridge.delivery.StreamingJson;
import dropbridge.record.RecordFormat;
import dropbridge.record.SourceRecord;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code rabbitpre-events} pipeline: events to Rabbitpre's {@code batchAdd}, up to 500 per
 * request, with the app's {@code X-Token} (set by the route from the token provider). Every event carries a {@code uuid}; one derived from
 * the file name and line when the record has none, so replaying a file sends the same ids.
 */
public final class RabbitpreEvents implements ApiContract<ObjectNode> {

    public static final String PIPELINE = "rabbitpre-events";
    public static final int MAX_BATCH_SIZE = 500;
    static final String TOKEN_HEADER = "X-Token";
    private static final String TOKEN_INVALID = "100200";
    private static final Set<String> CREDENTIALS_REFUSED = Set.of("100100", "100300");

    private final String url;
    private final TokenProvider tokens;
    private final boolean credentialsSet;
    private final int matchingType;
    private final int batchSize;
    private final int inFlight;

    /**
     * @param tokens         the provider the route takes each request's {@code X-Token} from; a token
     *                       the API calls invalid is dropped from it here
     * @param credentialsSet whether an app id and secret, or a fixed token, are configured
     */
    public RabbitpreEvents(String url, TokenProvider tokens, boolean credentialsSet, int matchingType, int batchSize,
            int inFlight) {
        if (matchingType != 1 && matchingType != 2) {
            throw new IllegalArgumentException("dropbridge.rabbitpre.matching-type is " + matchingType + "; it is 1 (exact) or 2 (fuzzy)");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("dropbridge.rabbitpre.batch-size is " + batchSize
                    + "; Rabbitpre takes 1 to " + MAX_BATCH_SIZE + " events per request");
        }
        this.url = url;
        this.tokens = tokens;
        this.credentialsSet = credentialsSet;
        this.matchingType = matchingType;
        this.batchSize = batchSize;
        this.inFlight = inFlight;
    }

    @Override
    public void requireCredentials() {
        if (!credentialsSet) {
            throw new IllegalStateException("the Rabbitpre app credentials are not set: set RABBITPRE_APP_ID and RABBITPRE_APP_SECRET, or RABBITPRE_TOKEN");
        }
    }

    @Override
    public String pipeline() {
        return PIPELINE;
    }

    @Override
    public Set<RecordFormat> formats() {
        return Set.of(RecordFormat.JSON_LINES, RecordFormat.JSON, RecordFormat.CSV);
    }

    @Override
    public Checked<ObjectNode> check(SourceRecord record, String source) {
        return EventCheck.check(record, PIPELINE, source);
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
    public byte[] requestBody(Batch<ObjectNode> batch) {
        return JsonBody.write(batch.items().size() * 256, out -> {
            out.writeStartObject();
            out.writeObjectFieldStart("publicParams");
            out.writeBooleanField("isMatching", true);
            out.writeNumberField("matchingType", matchingType);
            out.writeEndObject();
            out.writeArrayFieldStart("data");
            for (BatchItem<ObjectNode> item : batch.items()) {
                StreamingJson.write(out, item.payload());
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    @Override
    public BatchOutcome classify(ApiAnswer answer, Batch<ObjectNode> batch) throws RetryableApiException {
        JsonNode json = answer.json();
        String code = json.path("code").asText("");
        String explanation = "code " + code + ", " + json.path("errorCode").asText("") + ": " + answer.message("msg");
        if (code.equals(TOKEN_INVALID)) {
            tokens.invalidate(answer.header(TOKEN_HEADER));
            throw new RetryableApiException(TOKEN_INVALID, "Rabbitpre called the token invalid or expired; renewing it (" + explanation + ")");
        }
        if (CREDENTIALS_REFUSED.contains(code)) {
            return BatchOutcome.stopFile(batch, code, "Rabbitpre refused the app's credentials (" + explanation
                    + "); check RABBITPRE_APP_ID and RABBITPRE_APP_SECRET");
        }
        Optional<BatchOutcome> failure = HttpFailures.classify("Rabbitpre", answer, batch, explanation,
                "RABBITPRE_APP_ID and RABBITPRE_APP_SECRET", url);
        if (failure.isPresent()) {
            return failure.get();
        }
        if (code.equals("200") && json.path("errorCode").asText().equals("SUCCESS")) {
            return BatchOutcome.allDelivered(batch, RabbitpreEvents::successFields);
        }
        String reason = "Rabbitpre did not accept the events (" + explanation + ")";
        // any other business code refuses the events for their content: an eventKey not defined in the console, say
        return code.isEmpty() ? BatchOutcome.allFailed(batch, "unexpected-answer", reason) : BatchOutcome.refused(batch, code, reason);
    }

    private static ObjectNode successFields(BatchItem<ObjectNode> item) {
        return JsonNodeFactory.instance.objectNode()
                .put("uuid", item.payload().path("uuid").asText())
                .put("eventKey", item.payload().path("eventKey").asText());
    }
}
