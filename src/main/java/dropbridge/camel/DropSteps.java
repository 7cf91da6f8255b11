package dropbridge.camel;

import dropbridge.delivery.FileRun;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/**
 * The steps of a drop route around its pipeline ({@code bean: {ref: drop, ...}}): name the dropped
 * file, and ship the run's outcome files to the sinks the drop names in its variables
 * {@code successSink}, {@code errorSink}, {@code reportSink} and {@code sinkPrefix}.
 */
@Singleton
@Named("drop")
@RegisterForReflection(fields = false)
public class DropSteps {

    /** The variable that names the sink the outcome file in the body goes to. */
    static final String SINK = "sink";

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
     * {@code <sinkPrefix>success/<file>.jsonl}, {@code error/<file>.jsonl} or {@code reports/<file>.json}
     * at its sink. None when the file never got a run.
     */
    public List<Shipment> shipments(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        List<Shipment> shipments = new ArrayList<>(3);
        if (run == null) {
            return shipments;
        }
        String prefix = exchange.getVariable("sinkPrefix", "", String.class);
        String[] sinks = {"successSink", "errorSink", "reportSink"};
        List<File> files = run.outcomeFiles();
        for (int i = 0; i < files.size(); i++) {
            File file = files.get(i);
            String name = prefix + file.getParentFile().getName() + "/" + file.getName();
            shipments.add(new Shipment(file, name, exchange.getVariable(sinks[i], String.class)));
        }
        return shipments;
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

    /** Every outcome file reached its sink: the run's staging folder goes. */
    public void shipped(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(Exchanges.RUN, FileRun.class);
        if (run != null) {
            delete(run.folder());
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the shipped outcomes in " + folder, e);
        }
    }
}
