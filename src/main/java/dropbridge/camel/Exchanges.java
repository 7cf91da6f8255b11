package dropbridge.camel;

import dropbridge.delivery.Batch;
import dropbridge.delivery.FileRun;
import org.apache.camel.Exchange;

/** The exchange properties the delivery steps share, and typed access to them. */
final class Exchanges {

    /** The pipeline a file is delivered by, set by its pipeline route. */
    static final String PIPELINE = "dropbridgePipeline";
    /** The header a drop marked check-only sets to true: its files' records are checked, never sent. */
    static final String CHECK_ONLY = "dropbridgeCheckOnly";
    /** The dropped file's name, relative to its drop. */
    static final String SOURCE = "dropbridgeSource";
    /** The header that names the drop's record mapping ({@code routes/mappings/<name>.yaml}); empty for none. */
    static final String MAPPING = "dropbridgeMapping";
    /** The headers that give the drop's text encoding and CSV delimiter, as its route names them. */
    static final String ENCODING = "dropbridgeEncoding";
    static final String DELIMITER = "dropbridgeDelimiter";
    static final String RUN = "dropbridgeRun";
    /** A file from a local folder as it was when picked up ({@link DropNames.PickedUp}). */
    static final String PICKED_UP = "dropbridgePickedUp";
    static final String BATCH = "dropbridgeBatch";
    /** The header of a record's outcome message: {@code success}, {@code error} or {@code skipped}. */
    static final String OUTCOME = "dropbridgeOutcome";
    /** How many times the current batch has been sent, first attempt included. */
    static final String ATTEMPTS = "dropbridgeAttempts";

    private Exchanges() {
    }

    @SuppressWarnings("unchecked")
    static FileRun<Object> run(Exchange exchange) {
        FileRun<Object> run = exchange.getProperty(RUN, FileRun.class);
        if (run == null) {
            throw new IllegalStateException("no file run on this exchange: the step belongs inside a pipeline route");
        }
        return run;
    }

    @SuppressWarnings("unchecked")
    static Batch<Object> batch(Exchange exchange) {
        return exchange.getProperty(BATCH, Batch.class);
    }

    @SuppressWarnings("unchecked")
    static Batch<Object> batchInBody(Exchange exchange) {
        return exchange.getMessage().getBody(Batch.class);
    }
}
