package dropbridge.camel;

import dropbridge.cluster.ClusterSettings;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;

/**
 * What this replica has heard of a cluster namespace's leader, from its view's leadership events:
 * whether it leads, and whether it has settled as a standby. A standby is settled once an event
 * named another leader (Kubernetes), or once its cluster service has surely tried to make it lead
 * and did not (the file service names no other leader: after its first attempt to take the lock,
 * and one interval more). The events are listened to, not asked for: the file service's view
 * holds its lock for seconds while a drop's consumer starts, and a health probe must not wait.
 */
final class NamespaceWatch implements CamelClusterEventListener.Leadership {

    private final Optional<Duration> undecidedAtMost;
    private volatile long watchedSince;
    private volatile boolean watching;
    private volatile boolean leads;
    private volatile boolean otherLeader;

    private NamespaceWatch(Optional<Duration> undecidedAtMost) {
        this.undecidedAtMost = undecidedAtMost;
    }

    /**
     * A watch for the cluster service of these settings. With {@code none} this process leads
     * every namespace and never stands by; with {@code kubernetes} a standby knows the leader.
     */
    static NamespaceWatch of(ClusterSettings settings) {
        return new NamespaceWatch(settings.service() == ClusterSettings.Kind.FILE
                ? Optional.of(Duration.ofMillis(settings.file().acquireLockDelayMs() + settings.file().acquireLockIntervalMs()))
                : Optional.empty());
    }

    /** Listens to the view's leadership events from now on. */
    void watch(CamelClusterView view) {
        watchedSince = System.nanoTime();
        watching = true;
        view.addEventListener(this);
    }

    @Override
    public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
        leads = leader != null && leader.isLocal();
        otherLeader = leader != null && !leader.isLocal();
    }

    boolean leads() {
        return leads;
    }

    /** True when this replica stands by for the namespace and its cluster service has decided so. */
    boolean settledStandby() {
        if (!watching || leads) {
            return false;
        }
        return otherLeader || undecidedAtMost.filter(most -> System.nanoTime() - watchedSince >= most.toNanos()).isPresent();
    }
}
