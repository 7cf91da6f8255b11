package dropbridge.camel;

import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.FileRun;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/** Logs each retry of an API call ({@code onRedeliveryRef: retryLog}) with its pipeline, file, batch and why. */
@Singleton
@Named("retryLog")
public class RetryLog implements Processor {

    private static final Logger LOG = Logger.getLogger(RetryLog.class);

    @Override
    public void process(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        Batch<?> batch = Exchanges.batch(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        int attempt = exchange.getProperty(Exchanges.ATTEMPTS, 0, Integer.class) + 1;
        if (run != null && batch != null) {
            LOG.warnf("%s: %s batch %d: attempt %d after %s", run.contract().pipeline(), run.source(), batch.number(), attempt,
                    BatchOutcome.describe(cause));
        } else {
            LOG.warnf("retrying (attempt %d) after %s", attempt, BatchOutcome.describe(cause));
        }
    }
}
