package dropbridge.sandbox;

import dropbridge.config.SandboxSettings;
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

    Sandbox(SandboxSettings settings) {
        this.enabled = settings.enabled();
        SandboxSettings.Ptengine ptengine = settings.ptengine();
        this.ptengine = new PtengineSandbox(ptengine.apiKey(), ptengine.storeLimit(), ptengine.refusedValue(), faults(ptengine),
                Clock.systemUTC());
        SandboxSettings.EngageLab engageLab = settings.engagelab();
        this.engageLab = new EngageLabSandbox(engageLab.apiKey(), engageLab.apiSecret(), engageLab.rateLimit(),
                engageLab.rateWindowMs(), engageLab.refusedEuids(), faults(engageLab), System::nanoTime);
        SandboxSettings.Rabbitpre rabbitpre = settings.rabbitpre();
        this.rabbitpre = new RabbitpreSandbox(rabbitpre.appId(), rabbitpre.appSecret(), rabbitpre.tokenLifetimeS(),
                rabbitpre.eventKeys(), new SandboxFaults(0, 0), faults(rabbitpre), Clock.systemUTC());
    }

    private static SandboxFaults faults(SandboxSettings.Faults settings) {
        return new SandboxFaults(settings.latencyMs(), settings.failureRate());
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
                .putHeader("Content-Type", "application/json;charset=UTF-8");
        answer.headers().forEach(context.response()::putHeader);
        context.response().end(answer.body());
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
