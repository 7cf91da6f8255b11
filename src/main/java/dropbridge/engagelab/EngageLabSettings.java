package dropbridge.engagelab;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** {@code dropbridge.engagelab.*}: documented in application.properties. */
@ConfigMapping(prefix = "dropbridge.engagelab")
public interface EngageLabSettings {

    String url();

    Optional<String> apiKey();

    Optional<String> apiSecret();

    int batchSize();

    int inFlight();

    int rateLimit();

    long rateWindowMs();

    Optional<List<String>> userIdentities();

    Optional<List<String>> userProperties();

    Optional<List<String>> deviceProperties();

    Optional<List<String>> contacts();
}
