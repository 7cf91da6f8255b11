package dropbridge.camel;

import dropbridge.delivery.FileRun;
import dropbridge.delivery.RunProgress;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.LifecycleStrategySupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * On an orderly stop (SIGTERM, a rolling update, a node drain), the files in progress are
 * delivered to their end before Camel stops the drops: a drop's {@code master:} consumer gives
 * its namespace up as soon as it stops, and the replica that leads next would otherwise resume a
 * file this one is still sending. The drops poll no new file meanwhile.
 *
 * <p>A file still in progress after {@code dropbridge.shutdown.drain-s} is handed over: no further
 * batch of it is sent, the batches already sent get their outcomes, and then its delivery is
 * parked until the process ends, neither finished nor settled (settling would move the file aside
 * while the next leader reads it). The next run of the file, on the replica that leads next or on
 * this one after its restart, resumes after the staged outcomes, as after a crash, but with
 * nothing sent twice.
 */
@Singleton
@RegisterForReflection(fields = false)
public class ShutdownDrain extends LifecycleStrategySupport {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);
    /** How long the batches already sent may take to get their outcomes once their files are handed over. */
    private static final Duration HAND_OVER = Duration.ofSeconds(10);

    private final Duration drain;
    private final RunningFiles running;
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile boolean draining;

    ShutdownDrain(@ConfigProperty(name = "dropbridge.shutdown.drain-s") long drainSeconds, RunningFiles running) {
        this.drain = Duration.ofSeconds(drainSeconds);
        this.running = running;
    }

    void register(@Observes AfterConfigure routesLoaded, CamelContext camel) {
        camel.addLifecycleStrategy(this);
        drainOnSignals(camel);
    }

    /** True once the process is stopping: the drops take no new file. */
    boolean draining() {
        return draining;
    }

    @Override
    public void onContextStopping(CamelContext camel) {
        drain(camel);
    }

    /**
     * SIGTERM and SIGINT drain first, and only then stop the process: Quarkus closes its HTTP server
     * before it stops Camel, and the files in progress may be sending to an API that server serves
     * (the built-in sandbox). A second signal while draining is ignored. Only in a process of its own,
     * not in tests.
     */
    private void drainOnSignals(CamelContext camel) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                if (!signalled.compareAndSet(false, true)) {
                    LOG.infof("SIG%s: already stopping", signal.getName());
                    return;
                }
                Thread stopping = new Thread(() -> {
                    drain(camel);
                    Quarkus.asyncExit(128 + signal.getNumber());
                }, "dropbridge-drain");
                stopping.start();
            });
        }
    }

    /** Lets the files in progress finish, up to the drain time, and hands over those that do not; once. */
    private synchronized void drain(CamelContext camel) {
        if (draining) {
            return;
        }
        draining = true;
        IntSupplier inProgress = () -> camel.getInflightRepository().size();
        if (inProgress.getAsInt() == 0) {
            return;
        }
        LOG.infof("stopping: up to %d s for the files in progress to be delivered before the drops stop", drain.toSeconds());
        if (await(() -> inProgress.getAsInt() == 0, drain)) {
            LOG.info("stopping: every file in progress was delivered");
            return;
        }
        List<FileRun<?>> files = running.all().stream().<FileRun<?>>map(RunningFiles.Running::run).toList();
        LOG.warnf("stopping: %d files still in progress after %d s are handed over: no further batch is sent, and the replica"
                + " that leads next (or this one after its restart) goes on after their outcomes so far", files.size(), drain.toSeconds());
        files.forEach(FileRun::handOver);
        boolean settled = await(() -> inProgress.getAsInt() <= parked.get(), HAND_OVER);
        for (FileRun<?> run : files.stream().filter(FileRun::handedOver).toList()) {
            RunProgress progress = run.progress();
            LOG.infof("%s: %s handed over with %d records delivered or failed; their outcomes stay staged for the next run",
                    run.contract().pipeline(), run.source(), progress.succeeded() + progress.failed());
        }
        if (!settled) {
            LOG.warnf("stopping with %d exchanges still in progress %d s after the hand-over: their files are resumed as after a crash"
                    + " (records of batches without an outcome are sent again)", inProgress.getAsInt() - parked.get(), HAND_OVER.toSeconds());
        }
        // the parked deliveries never end, and what is still in flight is resumed like after a crash:
        // Camel's stop need not wait for either, nor for their threads
        ShutdownStrategy shutdown = camel.getShutdownStrategy();
        shutdown.setTimeUnit(TimeUnit.SECONDS);
        shutdown.setTimeout(1);
        shutdown.setSuppressLoggingOnTimeout(true);
        camel.getExecutorServiceManager().setShutdownAwaitTermination(500);
    }

    /**
     * The file's delivery was handed over ({@link FileRun#handedOver()}): this thread waits for the
     * process to end and never returns, whatever interrupts it, so that the file's exchange never
     * completes and its drop neither moves nor deletes the file.
     */
    void park(FileRun<?> run) {
        running.remove(run);
        parked.incrementAndGet();
        while (true) {
            LockSupport.park(this);
        }
    }

    private static boolean await(BooleanSupplier done, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
