package dropbridge.camel;

import dropbridge.cluster.ClusterSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.ScheduledPollConsumerHealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * One readiness check per drop in {@code /q/health/ready}, named by the drop's route id, with its
 * pipeline and, when DOWN, one line that says why (see {@link PollFailure}). A drop is DOWN until
 * it is ready: it has polled once as its namespace's leader, or it has settled as a standby
 * (another replica leads and polls: UP with {@code leader: false}, see {@link NamespaceWatch}).
 * Once ready it stays UP while it takes a namespace over and its consumer starts and polls for the
 * first time, so a probe never sees UP, DOWN, UP at start-up; it is DOWN again only for what
 * needs an operator: its route stopped, its polls failing, its local folder held by another
 * process ({@link DropFolderLocks}). The same state is the gauge
 * {@code dropbridge_drop_up{drop,pipeline}} (1 UP, 0 DOWN) for alerts.
 */
@Singleton
class DropReadiness {

    private final Pipelines pipelines;
    private final HealthRegistry readiness;
    private final MeterRegistry metrics;
    private final DropFolderLocks folders;
    private final ClusterSettings settings;
    private final Map<String, NamespaceWatch> namespaces = new ConcurrentHashMap<>();
    /** The drops that have been ready. */
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    DropReadiness(Pipelines pipelines, @Readiness HealthRegistry readiness, MeterRegistry metrics, DropFolderLocks folders,
            ClusterSettings settings) {
        this.pipelines = pipelines;
        this.readiness = readiness;
        this.metrics = metrics;
        this.folders = folders;
        this.settings = settings;
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

    /** Listens to who leads each namespace of the drops, from the moment their master consumers have started. */
    void watchNamespaces(@Observes AfterStart started, CamelContext camel, CamelClusterService cluster) throws Exception {
        for (String routeId : pipelines.drops(camel).keySet()) {
            Route route = camel.getRoute(routeId);
            Optional<String> namespace = route == null ? Optional.empty() : Leadership.namespace(route);
            if (namespace.isPresent() && !namespaces.containsKey(namespace.get())) {
                NamespaceWatch watch = NamespaceWatch.of(settings);
                namespaces.put(namespace.get(), watch);
                watch.watch(cluster.getView(namespace.get()));
            }
        }
    }

    private HealthCheckResponse check(CamelContext camel, String routeId, String pipeline) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(routeId).withData("pipeline", pipeline);
        Route route = camel.getRoute(routeId);
        if (route != null) {
            Leadership.namespace(route).ifPresent(namespace -> response.withData("namespace", namespace)
                    .withData("leader", Leadership.leads(route)));
        }
        String problem = problem(camel, routeId);
        return (problem == null ? response.up() : response.down().withData("reason", problem)).build();
    }

    /** Why the drop is not ready, or null when it is. */
    private String problem(CamelContext camel, String routeId) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        Route route = camel.getRoute(routeId);
        if (route == null || status == null || !status.isStarted()) {
            return "the drop's route is " + (status == null ? "not loaded" : status.name().toLowerCase(Locale.ROOT));
        }
        Consumer polling = Leadership.polling(route).orElse(null);
        String waiting;
        if (polling instanceof ScheduledPollConsumer poller) {
            Optional<String> notPolled = poller.getEndpoint() instanceof FileEndpoint folder ? folders.whyNotPolled(folder) : Optional.empty();
            if (notPolled.isPresent()) {
                return notPolled.get();
            }
            HealthCheck.Result result = new ScheduledPollConsumerHealthCheck(poller, routeId).call();
            if (result.getState() == HealthCheck.State.DOWN && result.getError().isPresent()) {
                return poller.getErrorCounter() + " failed polls in a row: " + PollFailure.reason(result.getError().get());
            }
            waiting = result.getState() == HealthCheck.State.DOWN ? "waiting for its first poll" : null;
        } else if (polling != null) {
            waiting = null;
        } else {
            waiting = standingBy(route);
        }
        if (waiting == null) {
            ready.add(routeId);
            return null;
        }
        return ready.contains(routeId) ? null : waiting;
    }

    /** Why a drop without a consumer of its own is not ready yet, or null when it has settled as a standby. */
    private String standingBy(Route route) {
        String namespace = Leadership.namespace(route).orElse(null);
        NamespaceWatch watch = namespace == null ? null : namespaces.get(namespace);
        if (watch == null) {
            return "starting";
        }
        if (watch.leads()) {
            return "leads namespace " + namespace + "; its consumer is starting";
        }
        return watch.settledStandby() ? null : "waiting for the cluster service to tell who leads namespace " + namespace;
    }
}
