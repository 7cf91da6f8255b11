package dropbridge.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster service of {@code dropbridge.cluster.service=kubernetes} against an in-memory
 * Kubernetes API server (CRUD mode): of two member pods one holds the namespace's Lease and renews
 * it, and when the holder dies (its process ends, its pod is no longer a running, ready member) the
 * other takes the Lease and leads after the lease duration.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesLeasesTest {

    private static final String K8S_NAMESPACE = "marketing";
    private static final String NAMESPACE = "engagelab-profile-query";
    private static final String LEASE = "dropbridge-" + NAMESPACE;

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final List<CamelContext> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        members.forEach(CamelContext::stop);
    }

    @Test
    void oneOfTwoPodsHoldsTheLeaseRenewsItAndTheOtherTakesItWhenTheHolderStops() throws Exception {
        for (String pod : List.of("dropbridge-a", "dropbridge-b", "unrelated")) {
            // a member is a running, ready pod with the selector's labels
            client.pods().inNamespace(K8S_NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(pod)
                    .addToLabels("app.kubernetes.io/name", pod.equals("unrelated") ? "other" : "dropbridge").endMetadata()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
        }
        CamelClusterView a = member("dropbridge-a");
        CamelClusterView b = member("dropbridge-b");

        await().atMost(Duration.ofSeconds(15)).until(() -> a.getLocalMember().isLeader() || b.getLocalMember().isLeader());
        CamelClusterView holder = a.getLocalMember().isLeader() ? a : b;
        CamelClusterView standby = holder == a ? b : a;
        assertEquals(holder.getLocalMember().getId(), lease().getSpec().getHolderIdentity());
        assertTrue(!standby.getLocalMember().isLeader(), "one leader at a time");

        ZonedDateTime renewed = lease().getSpec().getRenewTime();
        await("the holder renews its Lease").atMost(Duration.ofSeconds(10))
                .until(() -> lease().getSpec().getRenewTime().isAfter(renewed));
        assertTrue(!standby.getLocalMember().isLeader(), "renewed, so the standby still stands by");
        assertEquals(holder.getLocalMember().getId(), lease().getSpec().getHolderIdentity());

        long stopped = System.nanoTime();
        members.get(holder == a ? 0 : 1).stop();
        client.pods().inNamespace(K8S_NAMESPACE).withName(holder.getLocalMember().getId()).delete();

        await("the standby takes the Lease").atMost(Duration.ofSeconds(20)).until(() -> standby.getLocalMember().isLeader());
        System.out.printf("the standby leads %d ms after the holder died%n", (System.nanoTime() - stopped) / 1_000_000);
        assertEquals(standby.getLocalMember().getId(), lease().getSpec().getHolderIdentity());
        assertNotEquals(holder.getLocalMember().getId(), standby.getLocalMember().getId());
    }

    /** A member pod: its own Camel context, its own client of the API server, the cluster service as dropbridge builds it. */
    private CamelClusterView member(String pod) throws Exception {
        KubernetesConfiguration connection = new KubernetesConfiguration();
        connection.setKubernetesClient(server.createClient());
        CamelContext camel = new DefaultCamelContext();
        camel.addService(KubernetesLeases.service(new Settings(), pod, connection));
        camel.start();
        members.add(camel);
        return camel.hasService(org.apache.camel.component.kubernetes.cluster.KubernetesClusterService.class).getView(NAMESPACE);
    }

    private static Lease lease() {
        return client.leases().inNamespace(K8S_NAMESPACE).withName(LEASE).get();
    }

    /** Short times, as a test wants them: a Lease not renewed for 3 s is taken. */
    private record Settings() implements ClusterSettings.Kubernetes {
        @Override
        public Optional<String> namespace() {
            return Optional.of(K8S_NAMESPACE);
        }

        @Override
        public String leasePrefix() {
            return "dropbridge";
        }

        @Override
        public String podSelector() {
            return "app.kubernetes.io/name=dropbridge";
        }

        @Override
        public long leaseDurationMs() {
            return 3000;
        }

        @Override
        public long renewDeadlineMs() {
            return 2000;
        }

        @Override
        public long retryPeriodMs() {
            return 500;
        }
    }
}
