package dropbridge.camel;

import dropbridge.cluster.ClusterSettings;
import dropbridge.drop.FolderLock;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.support.LifecycleStrategySupport;
import org.jboss.logging.Logger;

/**
 * One process per local drop folder where no cluster service chooses who polls
 * ({@code dropbridge.cluster.service=none}): before each poll a local drop takes its folder's
 * {@link FolderLock}, and keeps it until the process stops. A process that finds the folder held
 * by another does not poll it, logs once which process holds it, and its drop's readiness check
 * says so; it tries again at each poll, so it takes the folder over once its holder has ended.
 * With {@code file} or {@code kubernetes} the cluster service already lets one replica poll.
 */
@Singleton
class DropFolderLocks {

    private static final Logger LOG = Logger.getLogger(DropFolderLocks.class);

    private final boolean locking;
    private final String owner;
    private final Map<Path, FolderLock> locks = new ConcurrentHashMap<>();
    /** Why each folder is not polled now; absent while it is. */
    private final Map<Path, String> notPolled = new ConcurrentHashMap<>();
    /** The folders that could not be locked, logged once each. */
    private final Set<Path> unguarded = ConcurrentHashMap.newKeySet();

    DropFolderLocks(ClusterSettings settings) {
        this.locking = settings.service() == ClusterSettings.Kind.NONE;
        this.owner = "pid " + ProcessHandle.current().pid() + " on host " + host();
    }

    /** The folders are given up only once Camel has stopped: no drop of this process polls or moves a file any more. */
    void register(@Observes AfterConfigure routesLoaded, CamelContext camel) {
        camel.addLifecycleStrategy(LifecycleStrategySupport.adapt(LifecycleStrategySupport.onCamelContextStopped(stopped -> release())));
    }

    /** Whether the drop may poll its folder now: true once this process holds it, and always where a cluster service decides. */
    boolean mayPoll(FileEndpoint drop) {
        if (!locking) {
            return true;
        }
        Path folder = folder(drop);
        FolderLock lock = locks.computeIfAbsent(folder, path -> new FolderLock(path, owner));
        try {
            if (lock.tryHold()) {
                if (notPolled.remove(folder) != null) {
                    LOG.infof("drop folder %s: this process (%s) holds it now and polls it", folder, owner);
                }
                return true;
            }
        } catch (IOException e) {
            // a folder that takes no lock (read-only, a file system without locks) must not stop the one process meant to poll it
            if (unguarded.add(folder)) {
                LOG.warnf("drop folder %s: cannot lock it with %s (%s); it is polled without the guard against a second process", folder,
                        lock.file(), e.toString());
            }
            return true;
        }
        String why = "the folder is led by another process (" + lock.holder().orElse("named in " + lock.file()) + "): with"
                + " dropbridge.cluster.service none only one process polls a folder; this one tries again at each poll";
        if (!Objects.equals(notPolled.put(folder, why), why)) {
            LOG.warnf("drop folder %s is not polled by this process: %s", folder, why);
        }
        return false;
    }

    /** Why the drop's folder is not polled by this process; empty while it is (or may be). */
    Optional<String> whyNotPolled(FileEndpoint drop) {
        return locking ? Optional.ofNullable(notPolled.get(folder(drop))) : Optional.empty();
    }

    private void release() {
        for (FolderLock lock : locks.values()) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.debugf(e, "cannot release %s", lock.file());
            }
        }
        locks.clear();
        notPolled.clear();
        unguarded.clear();
    }

    /**
     * The folder by its real path, so that two drops naming one folder by different paths share one
     * lock: a second channel on the lock file, once closed, would release the process's lock on it.
     */
    private static Path folder(FileEndpoint drop) {
        Path folder = drop.getFile().toPath().toAbsolutePath().normalize();
        try {
            return Files.createDirectories(folder).toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
