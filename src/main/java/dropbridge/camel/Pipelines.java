package dropbridge.camel;

import dropbridge.delivery.ApiContract;
import dropbridge.delivery.InFlightLimit;
import dropbridge.delivery.RequestPacer;
import dropbridge.engagelab.EngageLabProfileQuery;
import dropbridge.rabbitpre.RabbitpreEvents;
import dropbridge.rabbitpre.TokenProvider;
import java.time.Clock;
import java.time.Duration;
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
            @ConfigProperty(name = "dropbridge.ptengine.in-flight") int ptengineInFlight,
            @ConfigProperty(name = "dropbridge.engagelab.url") String engageLabUrl,
            @ConfigProperty(name = "dropbridge.engagelab.api-key") Optional<String> engageLabKey,
            @ConfigProperty(name = "dropbridge.engagelab.api-secret") Optional<String> engageLabSecret,
            @ConfigProperty(name = "dropbridge.engagelab.batch-size") int engageLabBatchSize,
            @ConfigProperty(name = "dropbridge.engagelab.in-flight") int engageLabInFlight,
            @ConfigProperty(name = "dropbridge.engagelab.rate-limit") int engageLabRateLimit,
            @ConfigProperty(name = "dropbridge.engagelab.rate-window-ms") long engageLabRateWindow,
            @ConfigProperty(name = "dropbridge.engagelab.user-identities") Optional<List<String>> userIdentities,
            @ConfigProperty(name = "dropbridge.engagelab.user-properties") Optional<List<String>> userProperties,
            @ConfigProperty(name = "dropbridge.engagelab.device-properties") Optional<List<String>> deviceProperties,
            @ConfigProperty(name = "dropbridge.engagelab.contacts") Optional<List<String>> contacts,
            @ConfigProperty(name = "dropbridge.rabbitpre.events-url") String rabbitpreUrl,
            @ConfigProperty(name = "dropbridge.rabbitpre.token-url") String rabbitpreTokenUrl,
            @ConfigProperty(name = "dropbridge.rabbitpre.app-id") Optional<String> rabbitpreAppId,
            @ConfigProperty(name = "dropbridge.rabbitpre.app-secret") Optional<String> rabbitpreAppSecret,
            @ConfigProperty(name = "dropbridge.rabbitpre.token") Optional<String> rabbitpreToken,
            @ConfigProperty(name = "dropbridge.rabbitpre.token-renew-margin-s") long rabbitpreRenewMargin,
            @ConfigProperty(name = "dropbridge.rabbitpre.matching-type") int rabbitpreMatchingType,
            @ConfigProperty(name = "dropbridge.rabbitpre.batch-size") int rabbitpreBatchSize,
            @ConfigProperty(name = "dropbridge.rabbitpre.in-flight") int rabbitpreInFlight) {
        if (engageLabRateLimit > EngageLabProfileQuery.MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("dropbridge.engagelab.rate-limit is " + engageLabRateLimit
                    + "; EngageLab allows at most " + EngageLabProfileQuery.MAX_REQUESTS_PER_MINUTE + " requests per minute");
        }
        Map<String, List<String>> engageLabFields = Map.of(
                "user_identities", userIdentities.orElse(List.of()),
                "user_properties", userProperties.orElse(List.of()),
                "device_properties", deviceProperties.orElse(List.of()),
                "contacts", contacts.orElse(List.of()));
        this.pipelines = index(List.of(
                pipeline(new PtengineProfiles(ptengineUrl, ptengineKey.orElse(null), ptengineBatchSize), ptengineInFlight),
                pipeline(new EngageLabProfileQuery(engageLabUrl, engageLabKey.orElse(null), engageLabSecret.orElse(null),
                        engageLabBatchSize, engageLabFields, new RequestPacer(engageLabRateLimit, engageLabRateWindow)),
                        engageLabInFlight),
                pipeline(new RabbitpreEvents(rabbitpreUrl, rabbitpreToken.map(TokenProvider::fixed).orElseGet(
                        () -> TokenProvider.fetching(rabbitpreTokenUrl, rabbitpreAppId.orElse(null), rabbitpreAppSecret.orElse(null),
                                Duration.ofSeconds(rabbitpreRenewMargin), Clock.systemUTC())),
                        rabbitpreMatchingType, rabbitpreBatchSize), rabbitpreInFlight)));
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
