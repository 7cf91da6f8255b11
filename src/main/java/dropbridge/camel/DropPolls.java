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
 * local folder a look at it before each poll, so that the entries Camel passes over without a
 * word (sub-folders, hidden files) are logged once each.
 */
@Singleton
@Named("dropPolls")
public class DropPolls extends DefaultPollingConsumerPollStrategy {

    private final DropFileFilter filter;
    private final ShutdownDrain shutdown;

    DropPolls(DropFileFilter filter, ShutdownDrain shutdown) {
        this.filter = filter;
        this.shutdown = shutdown;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (shutdown.draining()) {
            return false;
        }
        if (endpoint instanceof FileEndpoint drop) {
            filter.reportEntriesNotRead(drop);
        }
        return super.begin(consumer, endpoint);
    }
}
