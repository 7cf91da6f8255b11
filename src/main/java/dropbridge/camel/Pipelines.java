package dropbridge.camel;

import dropbridge.config.EngageLabSettings;
import dropbridge.config.PtengineSettings;
import dropbridge.config.RabbitpreSettings;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pipelines and their API contracts, built from configuration at start-up, so that a missing
 * credential or an out-of-range setting stops the application with a clear message at once.
 */
@Startup
@ApplicationScoped
public class Pipelines {

    private final Map<String, Pipeline> pipelines;

    Pipelines(PtengineSettings ptengine, EngageLabSettings engageLab, RabbitpreSettings rabbitpre) {
        this.pipelines = index(List.of(ptengine(ptengine), engageLab(engageLab), rabbitpre(rabbitpre)));
    }

    private static Pipeline ptengine(PtengineSettings settings) {
        return pipeline(new PtengineProfiles(settings.url(), settings.apiKey().orElse(null), settings.batchSize()),
                settings.inFlight());
    }

    private static Pipeline engageLab(EngageLabSettings settings) {
        if (settings.rateLimit() > EngageLabProfileQuery.MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("dropbridge.engagelab.rate-limit is " + settings.rateLimit()
                    + "; EngageLab allows at most " + EngageLabProfileQuery.MAX_REQUESTS_PER_MINUTE + " requests per minute");
        }
        Map<String, List<String>> fields = Map.of(
                "user_identities", settings.userIdentities().orElse(List.of()),
                "user_properties", settings.userProperties().orElse(List.of()),
                "device_properties", settings.deviceProperties().orElse(List.of()),
                "contacts", settings.contacts().orElse(List.of()));
        return pipeline(new EngageLabProfileQuery(settings.url(), settings.apiKey().orElse(null),
                settings.apiSecret().orElse(null), settings.batchSize(), fields,
                new RequestPacer(settings.rateLimit(), settings.rateWindowMs())), settings.inFlight());
    }

    private static Pipeline rabbitpre(RabbitpreSettings settings) {
        TokenProvider tokens = settings.token().map(TokenProvider::fixed).orElseGet(() -> TokenProvider.fetching(
                settings.tokenUrl(), settings.appId().orElse(null), settings.appSecret().orElse(null),
                Duration.ofSeconds(settings.tokenRenewMarginS()), Clock.systemUTC()));
        return pipeline(new RabbitpreEvents(settings.eventsUrl(), tokens, settings.matchingType(), settings.batchSize()),
                settings.inFlight());
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
