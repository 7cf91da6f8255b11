package dropbridge.camel;

import dropbridge.delivery.FileRun;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/**
 * The steps of a drop route around its pipeline ({@code bean: {ref: drop, ...}}): name the dropped
 * file, and ship the run's outcome files to the sinks the drop names in its variables
 * {@code successSink}, {@code errorSink}, {@code skippedSink}, {@code reportSink} and {@code sinkPrefix}.
 */
@Singleton
@Named("drop")
@RegisterForReflection(fields = false)
public class DropSteps {

    /** The variable that names the sink the outcome file in the body goes to. */
    static final String SINK = "sink";
    /** The drop's variables that name where its reports go, and the prefix of the outcomes' names there. */
    static final String REPORT_SINK = "reportSink";
    static final String SINK_PREFIX = "sinkPrefix";
    /** The exchange property that says every outcome file of the run reached its sink. */
    static final String SHIPPED = "dropbridgeShipped";

    /** One outcome file of a run and the sink it goes to. */
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
        List<Shipment> shipments = new ArrayList<>(4);
        if (run == null) {
            return shipments;
        }
        String prefix = exchange.getVariable(SINK_PREFIX, "", String.class);
        String[] sinks = {"successSink", "errorSink", "skippedSink", REPORT_SINK};
        List<File> files = run.outcomeFiles();
        for (int i = 0; i < files.size(); i++) {
            File file = files.get(i);
            shipments.add(new Shipment(file, sinkName(prefix, file), exchange.getVariable(sinks[i], String.class)));
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
        return List.of(new Shipment(report, sinkName(exchange.getVariable(SINK_PREFIX, "", String.class), report), sink));
    }

    /** An outcome file's name at its sink: {@code <sinkPrefix><success|error|skipped|reports>/<file>}. */
    static String sinkName(String prefix, File outcome) {
        return prefix + outcome.getParentFile().getName() + "/" + outcome.getName();
    }

    /** Puts the outcome file of a shipment into the body, named in the headers the file, SFTP and S3 producers read. */
    public void load(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        Shipment shipment = message.getMandatoryBody(Shipment.class);
        message.setBody(shipment.file());
        message.setHeader(Exchange.FILE_NAME, shipment.name());
        message.setHeader(DropNames.S3_KEY, shipment.name());
        exchange.setVariable(SINK, shipment.sink());
    }

    /** Every outcome file reached its sink (marked in the exchange property {@value #SHIPPED}). */
    public void shipped(Exchange exchange) {
        exchange.setProperty(SHIPPED, true);
    }

    /**
     * The drop settled the file (moved it to done or failed): its run's folder goes, once every
     * outcome file reached its sink. Until then the folder stays: a file whose delivery a crash
     * interrupted goes on from its staged outcomes, and outcomes that did not all reach their
     * sinks are kept there.
     */
    public void settled(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        if (run != null && exchange.getProperty(SHIPPED, false, Boolean.class)) {
            run.folder().delete();
        }
    }
}
