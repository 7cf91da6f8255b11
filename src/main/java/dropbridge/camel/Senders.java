package dropbridge.camel;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;

/**
 * The threads the pipelines' batch splits send on ({@code executorService: senders}). Camel
 * manages them; how many requests of a pipeline are in flight is bounded by its places in flight
 * ({@code dropbridge.<api>.in-flight}), not by the pool, so a pipeline never waits for another's threads.
 */
class Senders {

    static final String NAME = "senders";

    @Produces
    @Singleton
    @Named(NAME)
    ExecutorService senders(CamelContext camel) {
        return camel.getExecutorServiceManager().newCachedThreadPool(this, NAME);
    }
}
