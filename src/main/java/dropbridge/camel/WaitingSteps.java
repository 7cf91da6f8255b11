package dropbridge.camel;

import dropbridge.delivery.FileRun;
import dropbridge.drop.WaitingOutcomes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The steps of the outcomes that a sink refused ({@code bean: {ref: waiting, ...}}): the drop
 * settles the file all the same and its outcomes wait in the work dir ({@link WaitingOutcomes})
 * until the route ship-waiting-outcomes gets them to their sinks. The gauge
 * {@code dropbridge.outcomes.waiting} counts the files whose outcomes wait.
 */
@Startup
@Singleton
@Named("waiting")
@RegisterForReflection(fields = false)
public class WaitingSteps {

    private static final Logger LOG = Logger.getLogger("dropbridge.sink");
    /** The variable with the waiting outcomes being shipped. */
    private static final String WAITING = "dropbridgeWaiting";

    private final WaitingOutcomes waiting;
    private final DropSinks sinks;

    WaitingSteps(DropSinks sinks, MeterRegistry metrics,
            @ConfigProperty(name = "dropbridge.work-dir") Path workDir,
            @ConfigProperty(name = "dropbridge.sink.retry-initial-delay-ms") long firstDelayMs,
            @ConfigProperty(name = "dropbridge.sink.retry-max-delay-ms") long maxDelayMs) {
        this.sinks = sinks;
        this.waiting = new WaitingOutcomes(workDir, Clock.systemUTC(), Duration.ofMillis(firstDelayMs), Duration.ofMillis(maxDelayMs));
        Gauge.builder("dropbridge.outcomes.waiting", waiting, WaitingOutcomes::count)
                .description("files settled whose outcomes wait in the work dir for a sink that refused them")
                .register(metrics);
    }

    /** Whether outcomes of an earlier delivery of this drop's file still wait: this one's wait behind them, so the sink ends with the last. */
    public boolean earlierWait(Exchange exchange) {
        return exchange.getProperty(Exchanges.RUN, FileRun.class) != null
                && waiting.holds(exchange.getFromRouteId(), exchange.getProperty(Exchanges.SOURCE, String.class));
    }

    /**
     * A sink refused the run's outcome files (the exception caught): they wait until they reach
     * their sinks, so the drop can settle the file and its run's folder can go.
     */
    public void keep(Exchange exchange) {
        keep(exchange, "did not all reach their sinks (" + reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)) + ")");
    }

    /** Outcomes of an earlier delivery of the file wait for their sinks: the run's outcome files wait behind them. */
    public void keepBehindEarlier(Exchange exchange) {
        keep(exchange, "follow those of its earlier delivery, which wait for their sinks");
    }

    /** Keeps the run's outcome files, and marks them as taken care of (exchange property {@value DropSteps#SHIPPED}). */
    private void keep(Exchange exchange, String why) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        if (run == null) {
            return;
        }
        List<WaitingOutcomes.Outcome> outcomes = new ArrayList<>();
        for (DropSteps.Shipment shipment : DropSteps.shipments(run, exchange.getVariable(DropSteps.SINK_PREFIX, "", String.class))) {
            outcomes.add(new WaitingOutcomes.Outcome(shipment.file().toPath(), shipment.name(), shipment.sink()));
        }
        String source = exchange.getProperty(Exchanges.SOURCE, String.class);
        WaitingOutcomes.Waiting kept = waiting.keep(exchange.getFromRouteId(), source, outcomes);
        exchange.setProperty(DropSteps.SHIPPED, true);
        LOG.warnf("%s: the outcomes of %s %s; they wait in %s and are shipped once the sinks take them, and the file is settled",
                exchange.getFromRouteId(), source, why, kept.folder());
    }

    /** The files whose outcomes are due to be shipped again. */
    public List<WaitingOutcomes.Waiting> due() {
        return waiting.due();
    }

    /**
     * Puts the outcome files of the waiting entry in the body into the body, and the sink URIs its
     * drop names now into the variables the drop would set.
     */
    public void toShip(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        WaitingOutcomes.Waiting entry = exchange.getMessage().getMandatoryBody(WaitingOutcomes.Waiting.class);
        exchange.setVariable(WAITING, entry);
        exchange.setProperty(Exchanges.SOURCE, entry.source());
        List<DropSteps.Shipment> shipments = new ArrayList<>();
        for (WaitingOutcomes.Outcome outcome : entry.outcomes()) {
            exchange.setVariable(outcome.sink(), sinks.uri(entry.drop(), outcome.sink()));
            shipments.add(new DropSteps.Shipment(outcome.file().toFile(), outcome.name(), outcome.sink()));
        }
        exchange.getMessage().setBody(shipments);
    }

    /** The waiting outcomes reached their sinks. */
    public void shipped(Exchange exchange) {
        WaitingOutcomes.Waiting entry = exchange.getVariable(WAITING, WaitingOutcomes.Waiting.class);
        waiting.shipped(entry);
        LOG.infof("%s: the outcomes of %s reached their sinks, %d s after the file was settled", entry.drop(), entry.source(),
                Duration.between(entry.keptAt(), Instant.now()).toSeconds());
    }

    /**
     * A sink refused the waiting outcomes again: they wait longer. Logged at the 1st, 2nd, 4th, 8th...
     * refusal, so a sink down for days writes a few lines per file, not one per try.
     */
    public void refused(Exchange exchange) {
        WaitingOutcomes.Waiting entry = exchange.getVariable(WAITING, WaitingOutcomes.Waiting.class);
        if (entry == null) {
            entry = exchange.getMessage().getBody(WaitingOutcomes.Waiting.class);
        }
        Duration delay = waiting.failed(entry);
        int refusals = waiting.failures(entry);
        Logger.Level level = Integer.bitCount(refusals) == 1 ? Logger.Level.WARN : Logger.Level.DEBUG;
        LOG.logf(level, "%s: the outcomes of %s still do not reach their sinks (%s), %d tries since the process started; next try in %.1f s",
                entry.drop(), entry.source(), reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)), refusals,
                delay.toMillis() / 1000.0);
    }

    /** What the sink said: the cause the split wrapped its failure around. */
    private static String reason(Exception fault) {
        if (fault == null) {
            return "no reason given";
        }
        Throwable cause = fault.getCause() != null ? fault.getCause() : fault;
        return cause.getMessage();
    }
}
