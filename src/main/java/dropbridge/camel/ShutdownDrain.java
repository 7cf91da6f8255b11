package dropbridge.camel;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.support.LifecycleStrategySupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On an orderly stop (SIGTERM, a rolling update, a node drain), the files in progress are
 * delivered to their end before Camel stops the drops: a drop's {@code master:} consumer gives
 * its namespace up as soon as it stops, and the replica that leads next would otherwise resume a
 * file this one is still sending. The drops poll no new file meanwhile. A file still in progress
 * after {@code dropbridge.shutdown.drain-s} is left to be resumed, as after a crash.
 */
@Singleton
@RegisterForReflection(fields = false)
public class ShutdownDrain extends LifecycleStrategySupport {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean draining;

    ShutdownDrain(@ConfigProperty(name = "dropbridge.shutdown.drain-s") long drainSeconds) {
        this.drain = Duration.ofSeconds(drainSeconds);
    }

    void register(@Observes AfterConfigure routesLoaded, CamelContext camel) {
        camel.addLifecycleStrategy(this);
    }

    /** True once the process is stopping: the drops take no new file. */
    boolean draining() {
        return draining;
    }

    @Override
    public void onContextStopping(CamelContext camel) {
        draining = true;
        int inProgress = camel.getInflightRepository().size();
        if (inProgress == 0) {
            return;
        }
        LOG.infof("stopping: up to %d s for the files in progress to be delivered before the drops stop", drain.toSeconds());
        long deadline = System.nanoTime() + drain.toNanos();
        while (camel.getInflightRepository().size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = camel.getInflightRepository().size();
        if (left > 0) {
            LOG.warnf("stopping with %d exchanges still in progress after %d s: their files stay where they are and are resumed"
                    + " by the replica that leads next, or by this one after its restart", left, drain.toSeconds());
        } else {
            LOG.info("stopping: every file in progress was delivered");
        }
    }
}
