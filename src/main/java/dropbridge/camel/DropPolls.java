package dropbridge.camel;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

/**
 * The poll strategy of the local and S3 drops ({@code pollStrategy: "#bean:dropPolls"}; the SFTP
 * drops have {@link SftpPolls}): Camel's own, no poll once the process is stopping, and for a
 * local folder: no poll while another process holds it (see {@link DropFolderLocks}), and a look
 * at it before each poll, so that the entries Camel passes over without a word (sub-folders,
 * hidden files) are logged once each.
 */
@Singleton
@Named("dropPolls")
public class DropPolls extends DefaultPollingConsumerPollStrategy {

    private final DropFileFilter filter;
    private final ShutdownDrain shutdown;
    private final DropFolderLocks folders;

    DropPolls(DropFileFilter filter, ShutdownDrain shutdown, DropFolderLocks folders) {
        this.filter = filter;
        this.shutdown = shutdown;
        this.folders = folders;
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
            filter.reportEntriesNotRead(drop);
        }
        return super.begin(consumer, endpoint);
    }
}
