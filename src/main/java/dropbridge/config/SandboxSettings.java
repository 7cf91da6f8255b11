package dropbridge.config;

import io.smallrye.config.ConfigMapping;
import java.util.Set;

/** {@code dropbridge.sandbox.*}: the built-in API simulators, documented in application.properties. */
@ConfigMapping(prefix = "dropbridge.sandbox")
public interface SandboxSettings {

    boolean enabled();

    Ptengine ptengine();

    EngageLab engagelab();

    Rabbitpre rabbitpre();

    /** Latency and random failures, which every simulator has. */
    interface Faults {
        long latencyMs();

        double failureRate();
    }

    interface Ptengine extends Faults {
        String apiKey();

        int storeLimit();

        /** A batch holding a value equal to this one is refused as a whole (HTTP 400). */
        String refusedValue();
    }

    interface EngageLab extends Faults {
        String apiKey();

        String apiSecret();

        int rateLimit();

        long rateWindowMs();

        /** A batch holding one of these EUIDs is refused as a whole (55004). */
        Set<Long> refusedEuids();
    }

    interface Rabbitpre extends Faults {
        String appId();

        String appSecret();

        long tokenLifetimeS();

        Set<String> eventKeys();
    }
}
