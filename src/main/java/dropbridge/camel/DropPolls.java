package dropbridge.camel;

import dropbridge.delivery.RunFolder;
import dropbridge.drop.LeftRuns;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The poll strategy of the local and S3 drops ({@code pollStrategy: "#bean:dropPolls"}; the SFTP
 * drops have {@link SftpPolls}): Camel's own, no poll once the process is stopping, and for a
 * local folder: no poll while another process holds it (see {@link DropFolderLocks}); at its first
 * poll in this process, the run folders left for files no longer in it are removed (see
 * {@link LeftRuns}); and a look at it before each poll, so that the entries Camel passes over
 * without a word (sub-folders, hidden files) are logged once each.
 */
@Singleton
@Named("dropPolls")
public class DropPolls extends DefaultPollingConsumerPollStrategy {

    private static final Logger LOG = Logger.getLogger(DropPolls.class);

    private final DropFileFilter filter;
    private final ShutdownDrain shutdown;
    private final DropFolderLocks folders;
    private final Path workDir;
    /** The local drops whose left runs were looked for. */
    private final Set<String> cleared = ConcurrentHashMap.newKeySet();

    DropPolls(DropFileFilter filter, ShutdownDrain shutdown, DropFolderLocks folders,
            @ConfigProperty(name = "dropbridge.work-dir") Path workDir) {
        this.filter = filter;
        this.shutdown = shutdown;
        this.folders = folders;
        this.workDir = workDir;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (shutdown.draining()) {
            return false;
        }
        if (endpoint instanceof FileEndpoint drop) {
            if (!folders.mayPoll(drop)) {
                return false;
            }
            Leadership.routeId(consumer).filter(cleared::add).ifPresent(routeId -> removeLeftRuns(routeId, drop));
            filter.reportEntriesNotRead(drop);
        }
        return super.begin(consumer, endpoint);
    }

    private void removeLeftRuns(String routeId, FileEndpoint drop) {
        Path work = RunFolder.ofDrop(workDir, routeId);
        try {
            List<String> removed = LeftRuns.removeGone(work, drop.getFile().toPath());
            removed.forEach(name -> LOG.infof("drop %s: the run folder %s is removed: its file is no longer in the drop (settled"
                    + " before the process stopped)", routeId, work.resolve(name)));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("drop %s: cannot look for the run folders left in %s: %s", routeId, work, e.toString());
        }
    }
}
