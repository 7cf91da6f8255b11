package dropbridge.delivery;

import dropbridge.record.RecordFormat;
import dropbridge.record.SourceRecord;
import java.util.Set;

/**
 * Everything that differs between the APIs: which files a pipeline reads, how a record is
 * checked and turned into a payload, how payloads are grouped, and how a request is built and
 * its answer classified. Reading, batching, calling, retrying, sinks and reports are shared.
 *
 * @param <T> the payload one record becomes
 */
public interface ApiContract<T> {

    /** The pipeline's name: the drop folder, the outbox folder, the Camel endpoint {@code direct:<name>}. */
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

    int batchSize();

    String url();

    /** May wait, for a rate limit's turn or a token. */
    ApiRequest request(Batch<T> batch) throws RetryableApiException, CredentialsException, InterruptedException;

    /**
     * @throws RetryableApiException when the same request may succeed later (rate limit, server fault)
     */
    BatchOutcome classify(ApiAnswer answer, Batch<T> batch) throws RetryableApiException;
}
