package dropbridge.camel;

import dropbridge.checkpoint.CheckpointStore;
import dropbridge.checkpoint.RunCheckpoint;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.OutcomeName;
import dropbridge.delivery.RunFolder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * The checkpoints of the files of S3 and SFTP drops ({@code bean: {ref: checkpoint, ...}}), in
 * the drop's bucket or on its server (see {@link #store}): before a file is
 * delivered its run's folder is rebuilt from its checkpoint when another process wrote it
 * ({@link RunCheckpoint}); while it is delivered the checkpoint is written every
 * {@code dropbridge.checkpoint.interval-s} or {@code dropbridge.checkpoint.batches} requests, whichever comes first, once more when the run ends or is handed over, and it
 * is removed once the drop has settled the file. The counters {@code dropbridge_checkpoint_objects_total}
 * and {@code dropbridge_checkpoint_bytes_total} say what the checkpoints cost.
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
    private final Duration interval;
    private final int batches;
    private final SftpSettings sftp;
    private final MeterRegistry metrics;

    CheckpointSteps(RunningFiles running, SftpSettings sftp, MeterRegistry metrics, @ConfigProperty(name = "dropbridge.work-dir") Path workDir,
            @ConfigProperty(name = "dropbridge.checkpoint.interval-s") long intervalSeconds,
            @ConfigProperty(name = "dropbridge.checkpoint.batches") int batches) {
        this.running = running;
        this.sftp = sftp;
        this.metrics = metrics;
        this.workDir = workDir;
        this.interval = Duration.ofSeconds(intervalSeconds);
        this.batches = batches;
    }

    void start(@Observes AfterStart started, CamelContext camel) {
        ScheduledExecutorService timer = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "checkpoints");
        timer.scheduleWithFixedDelay(this::writeDue, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Rebuilds the run's folder of the dropped file from its checkpoint when the checkpoint was
     * written by another process, and keeps the checkpoint for the run (exchange property {@value #CHECKPOINT}).
     */
    public void resume(Exchange exchange) throws IOException {
        String source = DropNames.sourceName(exchange);
        Optional<CheckpointStore> store = store(exchange, OutcomeName.of(source) + "/");
        if (store.isEmpty()) {
            return;
        }
        RunFolder folder = RunFolder.ofDroppedFile(workDir, exchange.getFromRouteId(), source);
        exchange.setProperty(CHECKPOINT, RunCheckpoint.resume(store.get(), folder, DropNames.version(exchange)));
    }

    /**
     * Where the drop keeps its files' checkpoints: an S3 drop in its bucket (variables
     * {@code checkpointBucket}, {@code checkpointPrefix}), an SFTP drop in a folder on its server
     * ({@code checkpointServer}, {@code checkpointFolder}); none when the drop names no place.
     */
    private Optional<CheckpointStore> store(Exchange exchange, String file) {
        String bucket = exchange.getVariable("checkpointBucket", String.class);
        String prefix = exchange.getVariable("checkpointPrefix", "", String.class);
        if (bucket != null && !prefix.isEmpty()) {
            AWS2S3Endpoint endpoint = exchange.getContext().getEndpoint("aws2-s3://" + bucket, AWS2S3Endpoint.class);
            ServiceHelper.startService(endpoint);
            return Optional.of(new S3CheckpointStore(endpoint.getS3Client(), bucket, prefix + file));
        }
        String server = exchange.getVariable("checkpointServer", String.class);
        String folder = exchange.getVariable("checkpointFolder", "", String.class);
        if (server != null && !folder.isEmpty()) {
            return Optional.of(new SftpCheckpointStore(sftp.server(server), (folder.endsWith("/") ? folder : folder + "/") + file));
        }
        return Optional.empty();
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

    /** Writes the checkpoints due: {@code dropbridge.checkpoint.interval-s} or {@code dropbridge.checkpoint.batches} requests since the last. */
    private void writeDue() {
        Instant now = Instant.now();
        for (RunningFiles.Running file : running.all()) {
            RunCheckpoint checkpoint = file.checkpoint();
            if (checkpoint != null && checkpoint.due(now, file.run().apiCalls(), interval, batches)) {
                write(file.run(), checkpoint);
            }
        }
    }

    private void write(FileRun<?> run, RunCheckpoint checkpoint) {
        try {
            run.refreshReport(report -> { });
            RunCheckpoint.Written written = checkpoint.write();
            String pipeline = run.contract().pipeline();
            metrics.counter("dropbridge.checkpoint.objects", "pipeline", pipeline).increment(written.objects());
            metrics.counter("dropbridge.checkpoint.bytes", "pipeline", pipeline).increment(written.bytes());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: the checkpoint of %s at %s was not written: %s", run.contract().pipeline(), run.source(),
                    checkpoint.describe(), e.getMessage());
        }
    }
}
