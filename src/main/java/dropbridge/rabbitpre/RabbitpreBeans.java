package dropbridge.rabbitpre;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The Rabbitpre contract as the bean {@code rabbitpre-events}, and the {@code X-Token} provider
 * as {@code rabbitpre-token}, built from {@code dropbridge.rabbitpre.*}.
 */
@ApplicationScoped
class RabbitpreBeans {

    static final String TOKEN = "rabbitpre-token";

    @Produces
    @Singleton
    @Named(TOKEN)
    TokenProvider tokens(RabbitpreSettings settings) {
        return settings.token().map(TokenProvider::fixed).orElseGet(() -> TokenProvider.fetching(
                settings.tokenUrl(), settings.appId().orElse(""), settings.appSecret().orElse(""),
                Duration.ofSeconds(settings.tokenRenewMarginS()), Clock.systemUTC()));
    }

    @Produces
    @Singleton
    @Named(RabbitpreEvents.PIPELINE)
    RabbitpreEvents contract(RabbitpreSettings settings, @Named(TOKEN) TokenProvider tokens) {
        boolean credentialsSet = settings.token().isPresent()
                || settings.appId().filter(id -> !id.isBlank()).isPresent() && settings.appSecret().filter(s -> !s.isBlank()).isPresent();
        return new RabbitpreEvents(settings.eventsUrl(), tokens, credentialsSet, settings.matchingType(), settings.batchSize(),
                settings.inFlight());
    }
}
