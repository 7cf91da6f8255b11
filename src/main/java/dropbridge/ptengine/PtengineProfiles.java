package dropbridge.ptengine;

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
import dropbridge.record.RecordFormat;
import dropbridge.record.SourceRecord;
import java.util.Set;

/**
 * The {@code ptengine-profiles} pipeline: user attributes to {@code POST /v1/user/profiles},
 * up to 100 users per request (the route sends them with {@code Authorization: Bearer <key>}). Users with different
 * attribute sets go into different requests, so no request ever carries an invented {@code ""}.
 */
public final class PtengineProfiles implements ApiContract<PtengineRow> {

    public static final String PIPELINE = "ptengine-profiles";
    public static final int MAX_BATCH_SIZE = 100;

    private final String url;
    private final boolean keySet;
    private final int batchSize;
    private final int inFlight;

    /**
     * @param apiKey only checked for presence: the route puts it into the {@code Authorization} header
     */
    public PtengineProfiles(String url, String apiKey, int batchSize, int inFlight) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "dropbridge.ptengine.batch-size is " + batchSize + "; Ptengine takes 1 to " + MAX_BATCH_SIZE + " users per request");
        }
        this.url = url;
        this.keySet = apiKey != null && !apiKey.isBlank();
        this.batchSize = batchSize;
        this.inFlight = inFlight;
    }

    @Override
    public void requireCredentials() {
        if (!keySet) {
            throw new IllegalStateException("the Ptengine API key is not set: set PTENGINE_API_KEY");
        }
    }

    @Override
    public String pipeline() {
        return PIPELINE;
    }

    @Override
    public Set<RecordFormat> formats() {
        return Set.of(RecordFormat.CSV, RecordFormat.JSON_LINES, RecordFormat.JSON);
    }

    @Override
    public String requiredCsvColumn() {
        return PtengineCheck.USER_ID;
    }

    @Override
    public Checked<PtengineRow> check(SourceRecord record, String source) {
        return PtengineCheck.check(record);
    }

    @Override
    public Object groupOf(PtengineRow row) {
        return row.names();
    }

    /** Ptengine upserts by {@code user_id}: the rows of one user go out in file order, so the last row wins. */
    @Override
    public Object orderKey(PtengineRow row) {
        return row.values().get(0);
    }

    /** The user as attribute names and values, as the request's {@code field_name} and {@code values} pair them. */
    @Override
    public JsonNode sentForm(PtengineRow row) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < row.names().size(); i++) {
            user.put(row.names().get(i), row.values().get(i));
        }
        return user;
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
    public byte[] requestBody(Batch<PtengineRow> batch) {
        return JsonBody.write(batch.items().size() * 64, out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("field_name");
            for (String name : batch.items().get(0).payload().names()) {
                out.writeString(name);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("values");
            for (BatchItem<PtengineRow> item : batch.items()) {
                out.writeStartArray();
                for (String value : item.payload().values()) {
                    out.writeString(value);
                }
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    @Override
    public BatchOutcome classify(ApiAnswer answer, Batch<PtengineRow> batch) throws RetryableApiException {
        return HttpFailures.classify("Ptengine", answer, batch, answer.message("msg"), "PTENGINE_API_KEY", url)
                .orElseGet(() -> BatchOutcome.allDelivered(batch, item -> JsonNodeFactory.instance.objectNode()
                        .put(PtengineCheck.USER_ID, item.payload().values().get(0))));
    }
}
