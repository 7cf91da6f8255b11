package dropbridge.camel;

import dropbridge.delivery.Batch;
import dropbridge.delivery.FileRun;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Prepares each batch's exchange ({@code onPrepare} of a pipeline's batch split): names the batch
 * in the property {@value Exchanges#BATCH}, and gives its place in flight back once the exchange
 * is done, whatever happened to it. The batch's message keeps only the header its steps ask
 * ({@value Exchanges#CHECK_ONLY}): the file's others (a dozen of the file consumer's) stay on the
 * file's exchange, instead of being copied into every part of the batch's answer and matched by
 * every {@code removeHeaders}.
 */
@Singleton
@Named("batchSending")
public class BatchSending implements Processor {

    @Override
    public void process(Exchange exchange) {
        FileRun<Object> run = Exchanges.run(exchange);
        Batch<Object> batch = Exchanges.batchInBody(exchange);
        exchange.setProperty(Exchanges.BATCH, batch);
        Object checkOnly = exchange.getMessage().getHeader(Exchanges.CHECK_ONLY);
        exchange.getMessage().getHeaders().clear();
        if (checkOnly != null) {
            exchange.getMessage().setHeader(Exchanges.CHECK_ONLY, checkOnly);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                run.sent(batch);
            }
        });
    }
}
