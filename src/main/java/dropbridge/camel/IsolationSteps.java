package dropbridge.camel;

import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchIsolation;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.IsolationPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The steps of a pipeline route that isolate the records of a batch the API refused as a whole
 * ({@code bean: {ref: isolation, ...}}; see {@link BatchIsolation}): the route sends the parts one
 * after the other on the batch's own place in flight, through the same API call route and its
 * retries. While a batch is isolated, {@value Exchanges#BATCH} is the part being sent and
 * {@value #ISOLATION} the isolation; the body is each answer's {@link BatchOutcome}.
 */
@Singleton
@Named("isolation")
@RegisterForReflection(fields = false)
public class IsolationSteps {

    static final String ISOLATION = "dropbridgeIsolation";
    private static final Logger LOG = Logger.getLogger(IsolationSteps.class);

    private final RunSteps runs;
    private final IsolationPolicy policy;
    private final MeterRegistry metrics;

    IsolationSteps(RunSteps runs, MeterRegistry metrics,
            @ConfigProperty(name = "dropbridge.isolation.enabled") boolean enabled,
            @ConfigProperty(name = "dropbridge.isolation.max-share") double maxShare,
            @ConfigProperty(name = "dropbridge.isolation.min-batches") int minBatches,
            @ConfigProperty(name = "dropbridge.isolation.max-requests-per-batch") int maxRequestsPerBatch) {
        this.runs = runs;
        this.metrics = metrics;
        this.policy = new IsolationPolicy(enabled, maxShare, minBatches, maxRequestsPerBatch);
    }

    /**
     * The answer in the body, to the batch or to one of its parts: a batch refused as a whole
     * starts its isolation (when the file's share allows it); a part's answer takes the isolation on.
     */
    public void answered(Exchange exchange) {
        FileRun<Object> run = Exchanges.run(exchange);
        BatchOutcome outcome = exchange.getMessage().getBody(BatchOutcome.class);
        BatchIsolation<Object> isolation = isolation(exchange);
        if (isolation != null) {
            isolation.answered(outcome);
            if (outcome.stopsFile()) {
                run.stop(outcome.stopReason());
            } else if (run.stopped()) {
                isolation.stop(run.stopReason());
            }
            return;
        }
        Batch<Object> batch = Exchanges.batch(exchange);
        if (!outcome.refused() || batch.size() < 2) {
            return;
        }
        Optional<String> notIsolated = run.isolating(policy);
        if (notIsolated.isPresent()) {
            exchange.getMessage().setBody(outcome.withNote(notIsolated.get()));
            return;
        }
        LOG.infof("%s: batch %d of %s was refused as a whole (%s); sending it in parts to find the records refused",
                run.contract().pipeline(), batch.number(), run.source(), outcome.items().get(0).reason());
        exchange.setProperty(ISOLATION, new BatchIsolation<>(batch, outcome, policy.maxRequestsPerBatch()));
    }

    /** Whether a part of the refused batch is still to be sent. */
    static boolean partLeft(Exchange exchange) {
        BatchIsolation<Object> isolation = isolation(exchange);
        return isolation != null && isolation.hasNext();
    }

    /** Hands the next part to the API call: it is the batch of the attempts that follow. */
    public void nextPart(Exchange exchange) {
        exchange.setProperty(Exchanges.BATCH, isolation(exchange).nextPart());
        exchange.removeProperty(Exchanges.ATTEMPTS);
        exchange.getMessage().removeHeaders("CamelRedelivery*");
        metrics.counter("dropbridge.isolation.requests", "pipeline", Exchanges.run(exchange).contract().pipeline()).increment();
    }

    /**
     * The batch's outcomes as the answer split reads them (see {@link RunSteps#outcomes}): from the
     * answer to the batch itself, or, once it was isolated, from its parts' answers, one per record.
     */
    public List<Message> outcomes(Exchange exchange) {
        BatchIsolation<Object> isolation = isolation(exchange);
        if (isolation == null) {
            return runs.outcomes(exchange, exchange.getMessage().getBody(BatchOutcome.class));
        }
        exchange.removeProperty(ISOLATION);
        exchange.setProperty(Exchanges.BATCH, isolation.batch());
        FileRun<Object> run = Exchanges.run(exchange);
        run.isolated(isolation);
        LOG.infof("%s: batch %d of %s isolated in %d more requests: %d records refused", run.contract().pipeline(),
                isolation.batch().number(), run.source(), isolation.requests(), isolation.refusedRecords());
        return runs.outcomes(exchange, isolation.outcome());
    }

    @SuppressWarnings("unchecked")
    private static BatchIsolation<Object> isolation(Exchange exchange) {
        return exchange.getProperty(ISOLATION, BatchIsolation.class);
    }
}
