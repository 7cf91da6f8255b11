package dropbridge.camel;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.RemoteFilePollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollConsumer;
import org.jboss.logging.Logger;

/**
 * The poll strategy of the SFTP drops ({@code pollStrategy: "#bean:sftpPolls"}): Camel's own
 * (disconnect after a failed poll, so the next one logs in afresh), plus one line with the cause
 * at the first failed poll of a streak (a refused host key shows as such, not as "Cannot
 * connect") and one when the drop polls again; no poll once the process is stopping.
 */
@Singleton
@Named("sftpPolls")
public class SftpPolls extends RemoteFilePollingConsumerPollStrategy {

    private static final Logger LOG = Logger.getLogger(SftpPolls.class);

    private final ShutdownDrain shutdown;

    SftpPolls(ShutdownDrain shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return !shutdown.draining() && super.begin(consumer, endpoint);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
        if (failedPollsBefore(consumer) == 0) {
            LOG.warnf("drop %s cannot poll its SFTP server: %s; its files stay on the server, and it is tried again at every poll",
                    routeId(consumer), PollFailure.reason(cause));
        }
        return super.rollback(consumer, endpoint, retryCounter, cause);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        long failed = failedPollsBefore(consumer);
        if (failed > 0) {
            LOG.infof("drop %s polls its SFTP server again, after %d failed polls", routeId(consumer), failed);
        }
        super.commit(consumer, endpoint, polledMessages);
    }

    /** The consumer's failed polls in a row before this one: it counts them after the strategy has been told. */
    private static long failedPollsBefore(Consumer consumer) {
        return consumer instanceof ScheduledPollConsumer polling ? polling.getErrorCounter() : 0;
    }

    private static String routeId(Consumer consumer) {
        return Leadership.routeId(consumer).orElse(consumer.getEndpoint().getEndpointKey());
    }
}
