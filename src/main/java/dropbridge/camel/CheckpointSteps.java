package dropbridge.camel;

import dropbridge.checkpoint.RunCheckpoint;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.OutcomeName;
import dropbridge.delivery.RunFolder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The checkpoints of an S3 drop's files ({@code bean: {ref: checkpoint, ...}}), under the drop's
 * variable {@code checkpointPrefix} in its bucket ({@code checkpointBucket}): before a file is
 * delivered its run's folder is rebuilt from its checkpoint when another process wrote it
 * ({@link RunCheckpoint}); while it is delivered the checkpoint is written every
 * {@code dropbridge.checkpoint.interval-s}, once more when the run ends or is handed over, and it
 * is removed once the drop has settled the file.
 */
@Singleton
@Named("checkpoint")
@RegisterForReflection(fields = false)
public class CheckpointSteps {

    private static final Logger LOG = Logger.getLogger(CheckpointSteps.class);
    /** The exchange property with the checkpoint of the file's run. */
    static final String CHECKPOINT = "dropbridgeCheckpoint";

    private final RunningFiles running;
    private final Path workDir;
    private final long intervalSeconds;

    CheckpointSteps(RunningFiles running, @ConfigProperty(name = "dropbridge.work-dir") Path workDir,
            @ConfigProperty(name = "dropbridge.checkpoint.interval-s") long intervalSeconds) {
        this.running = running;
        this.workDir = workDir;
        this.intervalSeconds = intervalSeconds;
    }

    void start(@Observes AfterStart started, CamelContext camel) {
        ScheduledExecutorService timer = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "checkpoints");
        timer.scheduleWithFixedDelay(this::writeAll, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /**
     * Rebuilds the run's folder of the dropped file from its checkpoint when the checkpoint was
     * written by another process, and keeps the checkpoint for the run (exchange property {@value #CHECKPOINT}).
     */
    public void resume(Exchange exchange) throws IOException {
        String prefix = exchange.getVariable("checkpointPrefix", "", String.class);
        if (prefix.isEmpty()) {
            return;
        }
        String bucket = exchange.getVariable("checkpointBucket", String.class);
        String source = DropNames.sourceName(exchange);
        AWS2S3Endpoint endpoint = exchange.getContext().getEndpoint("aws2-s3://" + bucket, AWS2S3Endpoint.class);
        ServiceHelper.startService(endpoint);
        S3CheckpointStore store = new S3CheckpointStore(endpoint.getS3Client(), bucket, prefix + OutcomeName.of(source) + "/");
        RunFolder folder = RunFolder.of(RunFolder.ofFile(workDir, exchange.getFromRouteId(), source), source);
        exchange.setProperty(CHECKPOINT, RunCheckpoint.resume(store, folder, DropNames.version(exchange)));
    }

    /** The run ends or is handed over: what its folder holds now is written, and nothing after. */
    void writeLast(Exchange exchange, FileRun<?> run) {
        RunCheckpoint checkpoint = exchange.getProperty(CHECKPOINT, RunCheckpoint.class);
        if (checkpoint != null) {
            write(run, checkpoint);
            checkpoint.close();
        }
    }

    /** The drop has settled the file: its checkpoint goes. */
    public void remove(Exchange exchange) {
        RunCheckpoint checkpoint = exchange.getProperty(CHECKPOINT, RunCheckpoint.class);
        if (checkpoint == null) {
            return;
        }
        try {
            checkpoint.remove();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: the checkpoint at %s was not removed (%s); it goes when a file of the same name is dropped next",
                    exchange.getFromRouteId(), checkpoint.describe(), e.getMessage());
        }
    }

    private void writeAll() {
        for (RunningFiles.Running file : running.all()) {
            if (file.checkpoint() != null) {
                write(file.run(), file.checkpoint());
            }
        }
    }

    private static void write(FileRun<?> run, RunCheckpoint checkpoint) {
        try {
            run.refreshReport(report -> { });
            checkpoint.write();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: the checkpoint of %s at %s was not written: %s", run.contract().pipeline(), run.source(),
                    checkpoint.describe(), e.getMessage());
        }
    }
}
