package dropbridge.camel;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Predicate;

/**
 * What the pipeline template asks of each batch, as named predicates ({@code ref: <name>} in its
 * choice and its isolation loop). A method expression ({@code method: {ref: ..., method: ...}})
 * would say the same, but Camel evaluates each one on a full copy of the exchange, its headers
 * and properties, and every batch asks four of these.
 */
@Singleton
public class BatchChecks {

    /** The batch carries only records the drop's mapping skipped: it makes no request. */
    @Produces
    @Singleton
    @Named("batchHasNothingToSend")
    Predicate nothingToSend() {
        return exchange -> Exchanges.batch(exchange).nothingToSend();
    }

    /** The batch was handed out after its file was handed over by a stopping process: the next run sends it. */
    @Produces
    @Singleton
    @Named("batchLeftForNextRun")
    Predicate leftForNextRun() {
        return exchange -> Exchanges.run(exchange).leftForNextRun(Exchanges.batch(exchange));
    }

    /** An earlier answer stopped the file (its credentials were refused), so no further batch is sent. */
    @Produces
    @Singleton
    @Named("fileStopped")
    Predicate fileStopped() {
        return exchange -> Exchanges.run(exchange).stopped();
    }

    /** A part of the batch being isolated is still to be sent (see {@link IsolationSteps}). */
    @Produces
    @Singleton
    @Named("isolationPartLeft")
    Predicate isolationPartLeft() {
        return IsolationSteps::partLeft;
    }
}
