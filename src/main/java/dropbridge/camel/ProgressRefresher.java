package dropbridge.camel;

import dropbridge.delivery.FileRun;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every {@code dropbridge.progress.interval-s}, for each file being delivered: rewrites its staged
 * report (IN_PROGRESS, with the figures so far), copies it to the drop's report sink when that is
 * a local folder ({@code file:}), and logs one line. Remote sinks (S3, SFTP) get the report when
 * the file starts and when it ends, not at every refresh.
 */
@Singleton
class ProgressRefresher {

    private static final Logger LOG = Logger.getLogger(ProgressRefresher.class);

    private final RunningFiles running;
    private final long intervalSeconds;
    private ProducerTemplate sinks;

    ProgressRefresher(RunningFiles running, @ConfigProperty(name = "dropbridge.progress.interval-s") long intervalSeconds) {
        this.running = running;
        this.intervalSeconds = intervalSeconds;
    }

    void start(@Observes AfterStart started, CamelContext camel) {
        sinks = camel.createProducerTemplate();
        ScheduledExecutorService timer = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "progress");
        timer.scheduleWithFixedDelay(this::refreshAll, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    private void refreshAll() {
        for (RunningFiles.Running file : running.all()) {
            try {
                refresh(file);
            } catch (RuntimeException e) {
                LOG.warnf("%s: the progress report of %s was not refreshed: %s", file.run().contract().pipeline(), file.run().source(), e.getMessage());
            }
        }
    }

    private void refresh(RunningFiles.Running file) {
        FileRun<?> run = file.run();
        boolean running = run.refreshReport(report -> {
            if (file.reportSink() != null && file.reportSink().startsWith("file:")) {
                sinks.sendBodyAndHeader(file.reportSink(), report.toFile(), Exchange.FILE_NAME,
                        DropSteps.sinkName(file.sinkPrefix(), report.toFile()));
            }
        });
        if (running) {
            LOG.info(run.progress().describe());
        }
    }
}
