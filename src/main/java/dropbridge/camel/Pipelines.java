package dropbridge.camel;

import dropbridge.delivery.ApiContract;
import dropbridge.ptengine.PtengineProfiles;
import io.quarkus.runtime.Startup;
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

    private final Map<String, ApiContract<?>> contracts;

    Pipelines(
            @ConfigProperty(name = "dropbridge.ptengine.url") String ptengineUrl,
            @ConfigProperty(name = "dropbridge.ptengine.api-key") Optional<String> ptengineKey,
            @ConfigProperty(name = "dropbridge.ptengine.batch-size") int ptengineBatchSize) {
        this.contracts = index(List.of(
                new PtengineProfiles(ptengineUrl, ptengineKey.orElse(null), ptengineBatchSize)));
    }

    ApiContract<?> contract(String pipeline) {
        ApiContract<?> contract = contracts.get(pipeline);
        if (contract == null) {
            throw new IllegalArgumentException("no pipeline named " + pipeline + "; known: " + contracts.keySet());
        }
        return contract;
    }

    private static Map<String, ApiContract<?>> index(List<ApiContract<?>> all) {
        return all.stream().collect(Collectors.toUnmodifiableMap(ApiContract::pipeline, Function.identity()));
    }
}
