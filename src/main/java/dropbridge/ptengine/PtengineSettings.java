package dropbridge.ptengine;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code dropbridge.ptengine.*}: documented in application.properties. */
@ConfigMapping(prefix = "dropbridge.ptengine")
public interface PtengineSettings {

    String url();

    Optional<String> apiKey();

    int batchSize();

    int inFlight();
}
