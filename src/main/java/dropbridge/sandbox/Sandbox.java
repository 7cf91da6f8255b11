package dropbridge.sandbox;

import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The built-in simulators of the vendor APIs, served under {@code /sandbox} on the application's
 * HTTP port when {@code dropbridge.sandbox.enabled} is true (the dev and test profiles).
 */
@Startup
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    static final String ROOT = "/sandbox";

    private final boolean enabled;
    private final PtengineSandbox ptengine;
    private final EngageLabSandbox engageLab;
    private final RabbitpreSandbox rabbitpre;

    Sandbox(@ConfigProperty(name = "dropbridge.sandbox.enabled") boolean enabled,
            @ConfigProperty(name = "dropbridge.sandbox.ptengine.api-key") String ptengineKey,
            @ConfigProperty(name = "dropbridge.sandbox.ptengine.store-limit") int ptengineStoreLimit,
            @ConfigProperty(name = "dropbridge.sandbox.ptengine.latency-ms") long ptengineLatency,
            @ConfigProperty(name = "dropbridge.sandbox.ptengine.failure-rate") double ptengineFailureRate,
            @ConfigProperty(name = "dropbridge.sandbox.engagelab.api-key") String engageLabKey,
            @ConfigProperty(name = "dropbridge.sandbox.engagelab.api-secret") String engageLabSecret,
            @ConfigProperty(name = "dropbridge.sandbox.engagelab.rate-limit") int engageLabRateLimit,
            @ConfigProperty(name = "dropbridge.sandbox.engagelab.rate-window-ms") long engageLabRateWindow,
            @ConfigProperty(name = "dropbridge.sandbox.engagelab.latency-ms") long engageLabLatency,
            @ConfigProperty(name = "dropbridge.sandbox.engagelab.failure-rate") double engageLabFailureRate,
            @ConfigProperty(name = "dropbridge.sandbox.rabbitpre.app-id") String rabbitpreAppId,
            @ConfigProperty(name = "dropbridge.sandbox.rabbitpre.app-secret") String rabbitpreAppSecret,
            @ConfigProperty(name = "dropbridge.sandbox.rabbitpre.token-lifetime-s") long rabbitpreTokenLifetime,
            @ConfigProperty(name = "dropbridge.sandbox.rabbitpre.event-keys") Set<String> rabbitpreEventKeys,
            @ConfigProperty(name = "dropbridge.sandbox.rabbitpre.latency-ms") long rabbitpreLatency,
            @ConfigProperty(name = "dropbridge.sandbox.rabbitpre.failure-rate") double rabbitpreFailureRate) {
        this.enabled = enabled;
        this.ptengine = new PtengineSandbox(ptengineKey, ptengineStoreLimit,
                new SandboxFaults(ptengineLatency, ptengineFailureRate), Clock.systemUTC());
        this.engageLab = new EngageLabSandbox(engageLabKey, engageLabSecret, engageLabRateLimit, engageLabRateWindow,
                new SandboxFaults(engageLabLatency, engageLabFailureRate), System::nanoTime);
        this.rabbitpre = new RabbitpreSandbox(rabbitpreAppId, rabbitpreAppSecret, rabbitpreTokenLifetime, rabbitpreEventKeys,
                new SandboxFaults(0, 0), new SandboxFaults(rabbitpreLatency, rabbitpreFailureRate), Clock.systemUTC());
    }

    public PtengineSandbox ptengine() {
        return ptengine;
    }

    public EngageLabSandbox engageLab() {
        return engageLab;
    }

    public RabbitpreSandbox rabbitpre() {
        return rabbitpre;
    }

    List<SimulatedApi> apis() {
        return List.of(ptengine, engageLab, rabbitpre.tokens(), rabbitpre.events());
    }

    void mount(@Observes Router router, Vertx vertx) {
        if (!enabled) {
            return;
        }
        for (SimulatedApi api : apis()) {
            router.route(HttpMethod.valueOf(api.method()), ROOT + api.path())
                    .handler(BodyHandler.create())
                    .handler(context -> serve(vertx, api, context));
            LOG.infof("sandbox: serving %s %s%s", api.method(), ROOT, api.path());
        }
    }

    private static void serve(Vertx vertx, SimulatedApi api, RoutingContext context) {
        api.journal().opened();
        SandboxAnswer answer = api.handle(toRequest(context));
        long latency = api.faults().latencyMs();
        if (latency > 0) {
            vertx.setTimer(latency, id -> reply(api, context, answer));
        } else {
            reply(api, context, answer);
        }
    }

    private static void reply(SimulatedApi api, RoutingContext context, SandboxAnswer answer) {
        api.journal().closed();
        context.response()
                .setStatusCode(answer.status())
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(answer.body());
    }

    private static SandboxRequest toRequest(RoutingContext context) {
        Map<String, String> headers = new HashMap<>();
        context.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Map<String, String> query = new HashMap<>();
        context.queryParams().forEach(q -> query.put(q.getKey(), q.getValue()));
        String body = context.body().available() ? context.body().asString("UTF-8") : null;
        return new SandboxRequest(context.request().method().name(), context.normalizedPath(), headers, query, body);
    }
}
