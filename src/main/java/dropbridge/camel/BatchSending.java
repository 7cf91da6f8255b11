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
 * is done, whatever happened to it.
 */
@Singleton
@Named("batchSending")
public class BatchSending implements Processor {

    @Override
    public void process(Exchange exchange) {
        FileRun<Object> run = Exchanges.run(exchange);
        Batch<Object> batch = Exchanges.batchInBody(exchange);
        exchange.setProperty(Exchanges.BATCH, batch);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                run.sent(batch);
            }
        });
    }
}
