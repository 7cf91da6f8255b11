package dropbridge.camel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.ScheduledPollConsumerHealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * One readiness check per drop in {@code /q/health/ready}, named by the drop's route id, with its
 * pipeline and, when DOWN, one line that says why (see {@link PollFailure}). A drop is UP once it
 * has polled, and DOWN while its route is not started, before its first poll, and while its polls
 * fail. The same state is the gauge {@code dropbridge_drop_up{drop,pipeline}} (1 UP, 0 DOWN) for alerts.
 * A drop whose namespace another replica leads stands by: it is UP with {@code leader: false}, and
 * its state is that of the replica that polls.
 */
@Singleton
class DropReadiness {

    private final Pipelines pipelines;
    private final HealthRegistry readiness;
    private final MeterRegistry metrics;

    DropReadiness(Pipelines pipelines, @Readiness HealthRegistry readiness, MeterRegistry metrics) {
        this.pipelines = pipelines;
        this.readiness = readiness;
        this.metrics = metrics;
    }

    void register(@Observes AfterConfigure routesLoaded, CamelContext camel) {
        pipelines.drops(camel).forEach((routeId, pipeline) -> {
            readiness.register(routeId, () -> check(camel, routeId, pipeline));
            Gauge.builder("dropbridge.drop.up", camel, context -> problem(context, routeId) == null ? 1 : 0)
                    .tag("drop", routeId)
                    .tag("pipeline", pipeline)
                    .register(metrics);
        });
    }

    private static HealthCheckResponse check(CamelContext camel, String routeId, String pipeline) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(routeId).withData("pipeline", pipeline);
        Route route = camel.getRoute(routeId);
        if (route != null) {
            Leadership.namespace(route).ifPresent(namespace -> response.withData("namespace", namespace)
                    .withData("leader", Leadership.leads(route)));
        }
        String problem = problem(camel, routeId);
        return (problem == null ? response.up() : response.down().withData("reason", problem)).build();
    }

    /** Why the drop does not poll, or null when it does. */
    private static String problem(CamelContext camel, String routeId) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        Route route = camel.getRoute(routeId);
        if (route == null || status == null || !status.isStarted()) {
            return "the drop's route is " + (status == null ? "not loaded" : status.name().toLowerCase(Locale.ROOT));
        }
        // a standby has no consumer of its own: the replica that leads polls
        if (!(Leadership.polling(route).orElse(null) instanceof ScheduledPollConsumer polling)) {
            return null;
        }
        HealthCheck.Result result = new ScheduledPollConsumerHealthCheck(polling, routeId).call();
        if (result.getState() != HealthCheck.State.DOWN) {
            return null;
        }
        return result.getError()
                .map(error -> polling.getErrorCounter() + " failed polls in a row: " + PollFailure.reason(error))
                .orElse("waiting for its first poll");
    }
}
