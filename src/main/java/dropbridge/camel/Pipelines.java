package dropbridge.camel;

import dropbridge.delivery.ApiContract;
import dropbridge.delivery.InFlightLimit;
import dropbridge.ptengine.PtengineProfiles;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pipelines and their API contracts, built from configuration at start-up, so that a missing
 * credential or an out-of-range setting stops the application with a clear message at once.
 */
@Startup
@ApplicationScoped
public class Pipelines {

    private final Map<String, Pipeline> pipelines;

    Pipelines(
            @ConfigProperty(name = "dropbridge.ptengine.url") String ptengineUrl,
            @ConfigProperty(name = "dropbridge.ptengine.api-key") Optional<String> ptengineKey,
            @ConfigProperty(name = "dropbridge.ptengine.batch-size") int ptengineBatchSize,
            @ConfigProperty(name = "dropbridge.ptengine.in-flight") int ptengineInFlight) {
        this.pipelines = index(List.of(
                pipeline(new PtengineProfiles(ptengineUrl, ptengineKey.orElse(null), ptengineBatchSize), ptengineInFlight)));
    }

    Pipeline get(String name) {
        Pipeline pipeline = pipelines.get(name);
        if (pipeline == null) {
            throw new IllegalArgumentException("no pipeline named " + name + "; known: " + pipelines.keySet());
        }
        return pipeline;
    }

    @PreDestroy
    void stopSending() {
        pipelines.values().forEach(pipeline -> pipeline.sending().close());
    }

    private static Pipeline pipeline(ApiContract<?> contract, int inFlight) {
        return new Pipeline(contract, new InFlightLimit(contract.pipeline(), inFlight));
    }

    private static Map<String, Pipeline> index(List<Pipeline> all) {
        return all.stream().collect(Collectors.toUnmodifiableMap(p -> p.contract().pipeline(), Function.identity()));
    }
}
