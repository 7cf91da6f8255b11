package dropbridge.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * Camel's cluster service on Kubernetes Leases ({@code coordination.k8s.io}), one Lease per
 * namespace named {@code <lease-prefix>-<namespace>}. A member is a pod that carries the selector's
 * labels; the holder renews its Lease every retry period, gives up leading when it cannot renew
 * within the renew deadline, and another member takes the Lease once it is older than the lease duration.
 */
public final class KubernetesLeases {

    private KubernetesLeases() {
    }

    /**
     * @param connection how to reach the API server; an empty configuration finds it the usual way
     *        (in a pod: its service account)
     */
    public static KubernetesClusterService service(ClusterSettings.Kubernetes settings, String podName,
            KubernetesConfiguration connection) {
        KubernetesClusterService service = new KubernetesClusterService(connection);
        service.setId(podName);
        service.setPodName(podName);
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(settings.leasePrefix());
        settings.namespace().ifPresent(service::setKubernetesNamespace);
        service.setClusterLabels(labels(settings.podSelector()));
        service.setLeaseDurationMillis(settings.leaseDurationMs());
        service.setRenewDeadlineMillis(settings.renewDeadlineMs());
        service.setRetryPeriodMillis(settings.retryPeriodMs());
        return service;
    }

    static Map<String, String> labels(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : selector.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("dropbridge.cluster.kubernetes.pod-selector: expected name=value, found " + pair.strip());
            }
            labels.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return labels;
    }
}
