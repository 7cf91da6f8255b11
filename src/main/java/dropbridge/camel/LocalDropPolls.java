package dropbridge.camel;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

/**
 * The poll strategy of the local drops ({@code pollStrategy: "#bean:localDropPolls"}): Camel's
 * own, plus a look at the folder before each poll so that the entries it passes over without a
 * word (sub-folders, hidden files) are logged once each; no poll once the process is stopping.
 */
@Singleton
@Named("localDropPolls")
public class LocalDropPolls extends DefaultPollingConsumerPollStrategy {

    private final DropFileFilter filter;
    private final ShutdownDrain shutdown;

    LocalDropPolls(DropFileFilter filter, ShutdownDrain shutdown) {
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
