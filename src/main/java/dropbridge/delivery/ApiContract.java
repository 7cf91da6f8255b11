package dropbridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dropbridge.record.RecordFormat;
import dropbridge.record.SourceRecord;
import java.util.Set;

/**
 * Everything that differs between the APIs: which files a pipeline reads, how a record is
 * checked and turned into a payload, how payloads are grouped, the request body and how the
 * answer is classified. The flow itself (batches, auth header, call, sinks) is the pipeline's
 * YAML route; reading, batching, retrying and reports are shared.
 *
 * @param <T> the payload one record becomes
 */
public interface ApiContract<T> {

    /** The pipeline's name: its route {@code direct:<name>}, its drops' default outbox folder. */
    String pipeline();

    Set<RecordFormat> formats();

    /** A CSV file whose header lacks this column is a bad file; null when no column is required. */
    default String requiredCsvColumn() {
        return null;
    }

    /** The field a line of a {@link RecordFormat#LINES} file is read into. */
    default String lineField() {
        return "value";
    }

    /**
     * @param source the dropped file's name, for values derived from the record's place in it
     */
    Checked<T> check(SourceRecord record, String source);

    /** Payloads of one batch share a group; records of different groups never share a request. */
    default Object groupOf(T payload) {
        return "";
    }

    /**
     * Records of one file with the same key reach the API in file order, one request after the
     * other's final answer (an upsert's last row wins); null, the default, for no such order.
     */
    default Object orderKey(T payload) {
        return null;
    }

    int batchSize();

    /** Requests in flight at once, across all the files of the pipeline. */
    int inFlight();

    /** Fails with a message naming the variables to set when the credentials are missing; called only for pipelines a drop feeds. */
    void requireCredentials();

    String url();

    /** The payload as the request would carry it, for the success line of a check-only run. */
    default JsonNode sentForm(T payload) {
        return JsonNodeFactory.instance.pojoNode(payload);
    }

    /** The JSON body of the request that carries the batch, in UTF-8 (see {@link JsonBody}). */
    byte[] requestBody(Batch<T> batch);

    /**
     * @throws RetryableApiException when the same request may succeed later (rate limit, server fault)
     */
    BatchOutcome classify(ApiAnswer answer, Batch<T> batch) throws RetryableApiException;
}
