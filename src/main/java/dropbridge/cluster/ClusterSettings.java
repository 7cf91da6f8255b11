package dropbridge.cluster;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code dropbridge.cluster.*}: documented in application.properties. */
@ConfigMapping(prefix = "dropbridge.cluster")
public interface ClusterSettings {

    /** Which cluster service decides the leader of each namespace. */
    enum Kind {
        /** a single process: it leads every namespace */
        NONE,
        /** processes on one host: a lock file per namespace in a shared folder */
        FILE,
        /** pods: a Kubernetes Lease per namespace */
        KUBERNETES
    }

    Kind service();

    /** This member's name in the cluster; absent: the host name and the process id. */
    Optional<String> member();

    File file();

    Kubernetes kubernetes();

    interface File {

        String root();

        long acquireLockDelayMs();

        long acquireLockIntervalMs();
    }

    interface Kubernetes {

        /** The Kubernetes namespace of the Leases and pods; absent: the pod's own. */
        Optional<String> namespace();

        String leasePrefix();

        /** The labels of the pods that are members, as {@code name=value,name=value}. */
        String podSelector();

        long leaseDurationMs();

        long renewDeadlineMs();

        long retryPeriodMs();
    }
}
