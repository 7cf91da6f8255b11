package dropbridge.cluster;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.jboss.logging.Logger;

/**
 * The cluster service every drop's {@code master:} endpoint asks who leads its namespace, chosen by
 * {@code dropbridge.cluster.service}: {@code none} (this process leads every namespace),
 * {@code file} (a lock file per namespace in a folder shared by processes on one host) or
 * {@code kubernetes} (a Lease per namespace). Camel adds the bean to its context as a service.
 */
class ClusterServices {

    private static final Logger LOG = Logger.getLogger(ClusterServices.class);

    @Produces
    @Singleton
    CamelClusterService clusterService(ClusterSettings settings) {
        String member = settings.member().orElseGet(() -> settings.service() == ClusterSettings.Kind.KUBERNETES
                ? System.getenv("HOSTNAME") : hostAndPid());
        CamelClusterService service = switch (settings.service()) {
            case NONE -> new SoloClusterService(member);
            case FILE -> fileLocks(settings.file(), member);
            case KUBERNETES -> KubernetesLeases.service(settings.kubernetes(), member, new KubernetesConfiguration());
        };
        LOG.infof("cluster service %s, member %s", settings.service().name().toLowerCase(Locale.ROOT), member);
        return service;
    }

    private static FileLockClusterService fileLocks(ClusterSettings.File settings, String member) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId(member);
        service.setRoot(settings.root());
        service.setAcquireLockDelay(settings.acquireLockDelayMs(), TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(settings.acquireLockIntervalMs(), TimeUnit.MILLISECONDS);
        return service;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
