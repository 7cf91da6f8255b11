package dropbridge.camel;

import dropbridge.delivery.FileRun;
import dropbridge.delivery.RunFolder;
import dropbridge.drop.UnmovedFile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The steps of a drop route around its pipeline ({@code bean: {ref: drop, ...}}): name the dropped
 * file, and ship the run's outcome files to the sinks the drop names in its variables
 * {@code successSink}, {@code errorSink}, {@code skippedSink}, {@code reportSink} and {@code sinkPrefix}.
 */
@Singleton
@Named("drop")
@RegisterForReflection(fields = false)
public class DropSteps {

    private static final Logger LOG = Logger.getLogger(DropSteps.class);

    /** The variable that names the sink the outcome file in the body goes to. */
    static final String SINK = "sink";
    /** The drop's variables that name where its reports go, and the prefix of the outcomes' names there. */
    static final String REPORT_SINK = "reportSink";
    static final String SINK_PREFIX = "sinkPrefix";
    /** The exchange property that says every outcome file of the run reached its sink, or waits for it outside the run's folder. */
    static final String SHIPPED = "dropbridgeShipped";
    /** The exchange property with the folder of an earlier run whose file its drop could not move: only the move is tried again. */
    static final String UNMOVED = "dropbridgeUnmoved";
    /** The header that says the file failed, so that its drop moves it to failed. */
    static final String FAILED = "dropbridgeFailed";

    private final Path workDir;

    DropSteps(@ConfigProperty(name = "dropbridge.work-dir") Path workDir) {
        this.workDir = workDir;
    }

    /** One outcome file of a run, its name at its sink, and the drop's variable that names the sink. */
    @RegisterForReflection
    public record Shipment(File file, String name, String sink) {
    }

    /** Names the dropped file (exchange property {@value Exchanges#SOURCE}), so the drop can settle it whatever happens next. */
    public void name(Exchange exchange) {
        exchange.setProperty(Exchanges.SOURCE, DropNames.sourceName(exchange));
    }

    /**
     * The run's outcome files in the order they are shipped, the report last, each named
     * {@code <sinkPrefix>success/<file>.jsonl}, {@code error/<file>.jsonl}, {@code skipped/<file>.jsonl} or {@code reports/<file>.json}
     * at its sink. None when the file never got a run.
     */
    public List<Shipment> shipments(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        return run == null ? List.of() : shipments(run, exchange.getVariable(SINK_PREFIX, "", String.class));
    }

    static List<Shipment> shipments(FileRun<?> run, String prefix) {
        String[] sinks = {"successSink", "errorSink", "skippedSink", REPORT_SINK};
        List<File> files = run.outcomeFiles();
        List<Shipment> shipments = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            shipments.add(new Shipment(files.get(i), sinkName(prefix, files.get(i)), sinks[i]));
        }
        return shipments;
    }

    /** The run's IN_PROGRESS report, as staged when the run opened, to the drop's report sink; none when the route names no sink. */
    public List<Shipment> startedReport(Exchange exchange) {
        String sink = exchange.getVariable(REPORT_SINK, String.class);
        if (sink == null) {
            return List.of();
        }
        File report = Exchanges.run(exchange).folder().report().toFile();
        return List.of(new Shipment(report, sinkName(exchange.getVariable(SINK_PREFIX, "", String.class), report), REPORT_SINK));
    }

    /** An outcome file's name at its sink: {@code <sinkPrefix><success|error|skipped|reports>/<file>}. */
    static String sinkName(String prefix, File outcome) {
        return prefix + outcome.getParentFile().getName() + "/" + outcome.getName();
    }

    /**
     * Puts the outcome file of a shipment into the body, named in the headers the file, SFTP and S3
     * producers read, and its sink's URI into the variable {@value #SINK}.
     */
    public void load(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        Shipment shipment = message.getMandatoryBody(Shipment.class);
        message.setBody(shipment.file());
        message.setHeader(Exchange.FILE_NAME, shipment.name());
        message.setHeader(DropNames.S3_KEY, shipment.name());
        exchange.setVariable(SINK, exchange.getVariable(shipment.sink(), String.class));
    }

    /** Every outcome file reached its sink (marked in the exchange property {@value #SHIPPED}). */
    public void shipped(Exchange exchange) {
        exchange.setProperty(SHIPPED, true);
    }

    /**
     * True when this version of the local file was delivered, its outcomes shipped, and only its
     * move to done or failed failed (see {@link UnmovedFile}): the drop tries the move again and
     * neither reads nor sends the file. The header {@value #FAILED} then says where it goes.
     */
    public boolean onlyToMove(Exchange exchange) {
        Optional<DropNames.PickedUp> pickedUp = DropNames.pickedUp(exchange);
        if (pickedUp.isEmpty()) {
            return false;
        }
        String source = DropNames.sourceName(exchange);
        RunFolder run = RunFolder.ofDroppedFile(workDir, exchange.getFromRouteId(), source);
        Optional<Boolean> failed = UnmovedFile.failed(run, DropNames.version(exchange));
        failed.ifPresent(isFailed -> {
            exchange.setProperty(Exchanges.SOURCE, source);
            exchange.setProperty(Exchanges.PICKED_UP, pickedUp.get());
            exchange.setProperty(UNMOVED, run);
            exchange.setProperty(SHIPPED, true);
            exchange.getMessage().setHeader(FAILED, isFailed);
            LOG.debugf("%s was delivered and its outcomes shipped; its drop tries again to move it", source);
        });
        return failed.isPresent();
    }

    /**
     * The drop settled the file (moved it to done or failed): its run's folder goes, once every
     * outcome file reached its sink. Until then the folder stays: a file whose delivery a crash
     * interrupted goes on from its staged outcomes, and outcomes that did not all reach their
     * sinks are kept there. A local file that is still in its folder could not be moved: its run
     * is marked, so that its next pick-up only moves it (logged once, at the first failed move).
     */
    public void settled(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        RunFolder folder = run != null ? run.folder() : exchange.getProperty(UNMOVED, RunFolder.class);
        if (folder == null || !exchange.getProperty(SHIPPED, false, Boolean.class)) {
            return;
        }
        DropNames.PickedUp pickedUp = exchange.getProperty(Exchanges.PICKED_UP, DropNames.PickedUp.class);
        String source = exchange.getProperty(Exchanges.SOURCE, String.class);
        if (pickedUp != null && Files.exists(pickedUp.path()) && pickedUp.change().isEmpty()) {
            boolean failed = exchange.getMessage().getHeader(FAILED, false, Boolean.class);
            if (UnmovedFile.mark(folder, failed)) {
                LOG.warnf("%s: %s was delivered, but its drop cannot move it to %s; it is not"
                        + " read or sent again, and the move is tried again at each poll", exchange.getFromRouteId(), source,
                        failed ? ".failed/" : ".done/");
            }
            return;
        }
        if (UnmovedFile.marked(folder)) {
            LOG.infof("%s: %s is moved at last", exchange.getFromRouteId(), source);
        }
        folder.delete();
    }
}
