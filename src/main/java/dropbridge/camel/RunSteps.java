package dropbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.checkpoint.RunCheckpoint;
import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.DroppedFile;
import dropbridge.delivery.FileFailedException;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.ItemOutcome;
import dropbridge.delivery.RunFolder;
import dropbridge.delivery.RecordShape;
import dropbridge.mapping.MappingException;
import dropbridge.mapping.Mappings;
import dropbridge.record.ReadOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The steps of a pipeline route that concern the file as a whole ({@code bean: {ref: run, ...}}):
 * open its run, hand out its batches, write its report. The run travels in the exchange property
 * {@value Exchanges#RUN}, each batch in {@value Exchanges#BATCH}.
 */
@Singleton
@Named("run")
@RegisterForReflection(fields = false)
public class RunSteps {

    private static final Logger LOG = Logger.getLogger(RunSteps.class);

    private final Pipelines pipelines;
    private final RunningFiles running;
    private final ShutdownDrain shutdown;
    private final MeterRegistry metrics;
    private final Mappings mappings;
    private final CheckpointSteps checkpoints;
    private final Path workDir;
    private final int maxRecordChars;

    RunSteps(Pipelines pipelines, RunningFiles running, ShutdownDrain shutdown, MeterRegistry metrics, Mappings mappings,
            CheckpointSteps checkpoints, @ConfigProperty(name = "dropbridge.work-dir") Path workDir,
            @ConfigProperty(name = "dropbridge.record.max-chars") int maxRecordChars) {
        this.pipelines = pipelines;
        this.running = running;
        this.shutdown = shutdown;
        this.metrics = metrics;
        this.mappings = mappings;
        this.checkpoints = checkpoints;
        this.workDir = workDir;
        this.maxRecordChars = maxRecordChars;
    }

    /**
     * Starts the delivery of the dropped file in the body to the pipeline named by the route. Its
     * outcomes are staged in a folder of its own: {@code <work-dir>/<drop route>/<file>/}, so two
     * drops that get files of the same name at the same moment never share a file. The folder stays
     * until the file is settled, so a delivery interrupted by a crash goes on where it stopped. A drop marked
     * check-only (header {@value Exchanges#CHECK_ONLY}) gets a run that sends nothing. The staged
     * report says IN_PROGRESS from now on, and is refreshed until the file is done (see {@link ProgressRefresher}).
     */
    public void open(Exchange exchange) throws Exception {
        String pipeline = exchange.getProperty(Exchanges.PIPELINE, String.class);
        String source = DropNames.sourceName(exchange);
        exchange.setProperty(Exchanges.SOURCE, source);
        Path folder = RunFolder.ofFile(workDir, exchange.getFromRouteId(), source);
        boolean checkOnly = exchange.getMessage().getHeader(Exchanges.CHECK_ONLY, false, Boolean.class);
        FileRun<?> run;
        if (DropNames.isSymbolicLink(exchange)) {
            run = refuse(exchange, folder, "a symbolic link: it is not followed, and what it points to is not read (a drop reads regular files only)");
        } else {
            run = open(exchange, folder);
        }
        exchange.setProperty(Exchanges.RUN, run);
        DropNames.pickedUp(exchange).ifPresent(file -> exchange.setProperty(Exchanges.PICKED_UP, file));
        running.add(run, exchange.getVariable(DropSteps.REPORT_SINK, String.class), exchange.getVariable(DropSteps.SINK_PREFIX, "", String.class),
                exchange.getProperty(CheckpointSteps.CHECKPOINT, RunCheckpoint.class));
        run.refreshReport(staged -> { });
        LOG.infof("%s: %s %s", pipeline, checkOnly ? "checking (check only, nothing is sent)" : "delivering", source);
    }

    /** The drop's file read with its encoding and delimiter and shaped by its mapping (headers {@value Exchanges#MAPPING}, ...). */
    private FileRun<?> open(Exchange exchange, Path folder) throws Exception {
        Message message = exchange.getMessage();
        RecordShape shape;
        try {
            shape = new RecordShape(ReadOptions.of(message.getHeader(Exchanges.ENCODING, String.class),
                    message.getHeader(Exchanges.DELIMITER, String.class), maxRecordChars),
                    mappings.named(message.getHeader(Exchanges.MAPPING, String.class)));
        } catch (MappingException | IllegalArgumentException e) {
            return refuse(exchange, folder, e.getMessage());
        }
        String pipeline = exchange.getProperty(Exchanges.PIPELINE, String.class);
        InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class);
        DroppedFile dropped = new DroppedFile(exchange.getProperty(Exchanges.SOURCE, String.class), content, DropNames.size(exchange),
                DropNames.version(exchange));
        return FileRun.open(pipelines.contract(pipeline), dropped, folder, pipelines.inFlight(pipeline), shape,
                exchange.getMessage().getHeader(Exchanges.CHECK_ONLY, false, Boolean.class), Clock.systemUTC());
    }

    /** A run of the dropped entry that reads nothing and ends FAILED for this reason. */
    private FileRun<?> refuse(Exchange exchange, Path folder, String reason) throws java.io.IOException {
        String pipeline = exchange.getProperty(Exchanges.PIPELINE, String.class);
        return FileRun.refuse(pipelines.contract(pipeline), exchange.getProperty(Exchanges.SOURCE, String.class), folder,
                pipelines.inFlight(pipeline), exchange.getMessage().getHeader(Exchanges.CHECK_ONLY, false, Boolean.class), Clock.systemUTC(), reason);
    }

    /** The file's batches, read lazily and handed out as places in flight free up. */
    public Iterator<? extends Batch<?>> batches(Exchange exchange) {
        return Exchanges.run(exchange).batches();
    }

    /** The outcomes of a batch that makes no request: its skipped records. */
    public List<Message> skippedOnly(Exchange exchange) {
        return outcomes(exchange, new BatchOutcome(List.of(), null));
    }

    /** The batch of a check-only run as the records it would send, each with a success outcome that says so. */
    public List<Message> wouldSend(Exchange exchange) {
        FileRun<Object> run = Exchanges.run(exchange);
        return outcomes(exchange, run.wouldSend(Exchanges.batch(exchange)));
    }

    /** The batch's records as not sent, because the file was stopped. */
    public List<Message> notSent(Exchange exchange) {
        FileRun<Object> run = Exchanges.run(exchange);
        return outcomes(exchange, run.notSent(Exchanges.batch(exchange)));
    }

    /**
     * The answer, or the fault that ended the batch's retries, as the body the outcome split reads:
     * a message with the delivered records' outcomes, one with the failed records' outcomes and
     * one with the records the drop's mapping skipped that ride with the batch (each left out when
     * empty), with the header {@value Exchanges#OUTCOME} {@code success}, {@code error} or {@code skipped}. Records travel in these two groups, not one message each, because a Camel
     * message per record doubled the CPU cost of delivering a file.
     */
    List<Message> outcomes(Exchange exchange, BatchOutcome outcome) {
        if (outcome.stopsFile()) {
            Exchanges.run(exchange).stop(outcome.stopReason());
        }
        List<ItemOutcome> delivered = new ArrayList<>();
        List<ItemOutcome> failed = new ArrayList<>();
        for (ItemOutcome item : outcome.items()) {
            (item.delivered() ? delivered : failed).add(item);
        }
        List<Message> records = new ArrayList<>(3);
        addGroup(records, exchange, delivered, "success");
        addGroup(records, exchange, failed, "error");
        addGroup(records, exchange, Exchanges.batch(exchange).skipped(), ItemOutcome.SKIPPED);
        return records;
    }

    private static void addGroup(List<Message> records, Exchange exchange, List<ItemOutcome> group, String outcome) {
        if (!group.isEmpty()) {
            Message record = new DefaultMessage(exchange);
            record.setBody(group);
            record.setHeader(Exchanges.OUTCOME, outcome);
            records.add(record);
        }
    }

    /**
     * Writes the file's report; a failed file ends its exchange in failure so the drop moves it
     * aside. A file handed over by a stopping process is left as it is (see {@link ShutdownDrain}).
     */
    public void finish(Exchange exchange) throws FileFailedException {
        FileRun<?> run = Exchanges.run(exchange);
        if (run.handedOver()) {
            checkpoints.writeLast(exchange, run);
            shutdown.park(run);
        }
        DropNames.PickedUp pickedUp = exchange.getProperty(Exchanges.PICKED_UP, DropNames.PickedUp.class);
        if (pickedUp != null) {
            pickedUp.change().ifPresent(run::changedWhileDelivered);
        }
        ObjectNode report = run.finish();
        checkpoints.writeLast(exchange, run);
        running.remove(run);
        count(run, report);
        if (run.failedFile()) {
            throw new FileFailedException(run.source() + ": " + report.path("reason").asText());
        }
    }

    /** Last resort for a fault the steps did not expect: the file still gets a report that says so. */
    public void crashed(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (run != null && !(cause instanceof FileFailedException)) {
            LOG.errorf(cause, "%s: delivery of %s stopped by an unexpected error", run.contract().pipeline(), run.source());
            ObjectNode report = run.crash(BatchOutcome.describe(cause));
            running.remove(run);
            count(run, report);
        }
    }

    /**
     * Prometheus counters per pipeline: files by final status, records by outcome, API calls and
     * retries, skipped records under {@code skipped}. The records of a check-only file that pass count as {@code would-send}, not
     * {@code succeeded}; records whose outcome an interrupted earlier run wrote are not counted again.
     */
    private void count(FileRun<?> run, ObjectNode report) {
        String pipeline = run.contract().pipeline();
        metrics.counter("dropbridge.files", "pipeline", pipeline, "status", report.path("status").asText()).increment();
        String passed = report.path("checkOnly").asBoolean() ? "would-send" : "succeeded";
        metrics.counter("dropbridge.records", "pipeline", pipeline, "outcome", passed).increment(run.succeededInThisRun());
        metrics.counter("dropbridge.records", "pipeline", pipeline, "outcome", "failed").increment(run.failedInThisRun());
        metrics.counter("dropbridge.records", "pipeline", pipeline, "outcome", "skipped").increment(run.skippedInThisRun());
        metrics.counter("dropbridge.api.calls", "pipeline", pipeline).increment(report.path("apiCalls").asLong());
        metrics.counter("dropbridge.api.retries", "pipeline", pipeline).increment(report.path("retries").asLong());
    }
}
