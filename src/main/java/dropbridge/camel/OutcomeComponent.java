package dropbridge.camel;

import dropbridge.delivery.FileRun;
import dropbridge.delivery.ItemOutcome;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code outcome:success}, {@code outcome:error} and {@code outcome:skipped}: the file run's outcome
 * files. A message holds a list of records' outcomes; each becomes a line in the run's success,
 * error or skipped file, which the drop ships to its success, error or skipped sink once the file is done.
 */
@Singleton
@Named("outcome")
public class OutcomeComponent extends DefaultComponent {

    private static final Map<String, BiConsumer<FileRun<Object>, List<ItemOutcome>>> FILES = Map.of(
            "success", FileRun::delivered,
            "error", FileRun::failed,
            "skipped", FileRun::skipped);

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        BiConsumer<FileRun<Object>, List<ItemOutcome>> file = FILES.get(remaining);
        if (file == null) {
            throw new IllegalArgumentException(uri + ": an outcome endpoint is outcome:success, outcome:error or outcome:skipped");
        }
        return new OutcomeEndpoint(uri, this, file);
    }

    private static final class OutcomeEndpoint extends DefaultEndpoint {

        private final BiConsumer<FileRun<Object>, List<ItemOutcome>> file;

        OutcomeEndpoint(String uri, OutcomeComponent component, BiConsumer<FileRun<Object>, List<ItemOutcome>> file) {
            super(uri, component);
            this.file = file;
        }

        @Override
        public Producer createProducer() {
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) throws Exception {
                    file.accept(Exchanges.run(exchange), exchange.getMessage().getMandatoryBody(List.class));
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException(getEndpointUri() + " can only be sent to");
        }
    }
}
