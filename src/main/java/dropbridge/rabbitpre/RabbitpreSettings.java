package dropbridge.rabbitpre;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code dropbridge.rabbitpre.*}: documented in application.properties. */
@ConfigMapping(prefix = "dropbridge.rabbitpre")
public interface RabbitpreSettings {

    String eventsUrl();

    String tokenUrl();

    Optional<String> appId();

    Optional<String> appSecret();

    Optional<String> token();

    long tokenRenewMarginS();

    int matchingType();

    int batchSize();

    int inFlight();
}
