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
    }

    interface EngageLab extends Faults {
        String apiKey();

        String apiSecret();

        int rateLimit();

        long rateWindowMs();
    }

    interface Rabbitpre extends Faults {
        String appId();

        String appSecret();

        long tokenLifetimeS();

        Set<String> eventKeys();
    }
}
