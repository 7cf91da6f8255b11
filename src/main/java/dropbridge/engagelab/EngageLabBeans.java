package dropbridge.engagelab;

import dropbridge.delivery.RequestPacer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The EngageLab contract as the bean {@code engagelab-profile-query}, and its request pacing as
 * {@code engagelab-pacer}, one per process, built from {@code dropbridge.engagelab.*}.
 */
@ApplicationScoped
class EngageLabBeans {

    static final String PACER = "engagelab-pacer";

    @Produces
    @Singleton
    @Named(PACER)
    RequestPacer pacer(EngageLabSettings settings) {
        if (settings.rateLimit() > EngageLabProfileQuery.MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("dropbridge.engagelab.rate-limit is " + settings.rateLimit()
                    + "; EngageLab allows at most " + EngageLabProfileQuery.MAX_REQUESTS_PER_MINUTE + " requests per minute");
        }
        return new RequestPacer(settings.rateLimit(), settings.rateWindowMs());
    }

    @Produces
    @Singleton
    @Named(EngageLabProfileQuery.PIPELINE)
    EngageLabProfileQuery contract(EngageLabSettings settings, @Named(PACER) RequestPacer pacer) {
        Map<String, List<String>> fields = Map.of(
                "user_identities", settings.userIdentities().orElse(List.of()),
                "user_properties", settings.userProperties().orElse(List.of()),
                "device_properties", settings.deviceProperties().orElse(List.of()),
                "contacts", settings.contacts().orElse(List.of()));
        return new EngageLabProfileQuery(settings.url(), settings.apiKey().orElse(null), settings.apiSecret().orElse(null),
                settings.batchSize(), settings.inFlight(), fields, pacer);
    }
}
