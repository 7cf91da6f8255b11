package dropbridge.camel;

import dropbridge.cluster.ClusterSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which cluster namespaces this replica leads, in {@code /q/health} (check {@code cluster}, always
 * UP: a standby replica is ready to take over) and as the gauge
 * {@code dropbridge_leader{cluster_namespace}}: 1 while this replica leads the namespace, 0 on standby.
 * The check alone is also the health group {@code /q/health/group/cluster}: the Kubernetes readiness
 * probe, because only ready pods may hold a Lease, and a drop that cannot poll its server must not
 * take every pipeline's leader away (its own check in /q/health/ready says why it is DOWN).
 */
@Readiness
@HealthGroup("cluster")
@Singleton
class ClusterCheck implements HealthCheck {

    private final Pipelines pipelines;
    private final CamelContext camel;
    private final ClusterSettings settings;
    private final CamelClusterService service;

    ClusterCheck(Pipelines pipelines, CamelContext camel, ClusterSettings settings, CamelClusterService service) {
        this.pipelines = pipelines;
        this.camel = camel;
        this.settings = settings;
        this.service = service;
    }

    void registerGauges(@Observes AfterStart started, MeterRegistry metrics) {
        namespaces().keySet().forEach(namespace -> Gauge
                .builder("dropbridge.leader", this, check -> check.namespaces().getOrDefault(namespace, false) ? 1 : 0)
                .tag("cluster_namespace", namespace)
                .register(metrics));
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Boolean> namespaces = namespaces();
        return HealthCheckResponse.named("cluster")
                .withData("service", settings.service().name().toLowerCase(Locale.ROOT))
                .withData("member", service.getId())
                .withData("leads", join(namespaces, true))
                .withData("standby", join(namespaces, false))
                .up()
                .build();
    }

    private Map<String, Boolean> namespaces() {
        return Leadership.namespaces(camel, pipelines.drops(camel).keySet());
    }

    private static String join(Map<String, Boolean> namespaces, boolean leading) {
        return namespaces.entrySet().stream().filter(e -> e.getValue() == leading).map(Map.Entry::getKey)
                .collect(Collectors.joining(","));
    }
}
