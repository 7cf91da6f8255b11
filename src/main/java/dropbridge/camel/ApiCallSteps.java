package dropbridge.camel;

import dropbridge.delivery.ApiAnswer;
import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.CredentialsException;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.RetryableApiException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

/**
 * The steps of a pipeline's API call that hand the batch and the answer to its contract
 * ({@code bean: {ref: api, ...}}): the request body, and the answer's classification.
 */
@Singleton
@Named("api")
@RegisterForReflection(fields = false)
public class ApiCallSteps {

    private static final Logger LOG = Logger.getLogger(ApiCallSteps.class);

    private final RunSteps runs;

    ApiCallSteps(RunSteps runs) {
        this.runs = runs;
    }

    /** The batch as the API's JSON body; counts the attempt for the file's report. */
    public String requestBody(Exchange exchange) {
        FileRun<Object> run = Exchanges.run(exchange);
        int attempt = exchange.getProperty(Exchanges.ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(Exchanges.ATTEMPTS, attempt);
        run.countCall(attempt > 1);
        return run.contract().requestBody(Exchanges.batch(exchange));
    }

    /** The answer as one outcome per record of the batch; throws to have a transient failure retried. */
    public Object classify(Exchange exchange) throws RetryableApiException {
        FileRun<Object> run = Exchanges.run(exchange);
        Message message = exchange.getMessage();
        ApiAnswer answer = new ApiAnswer(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                message.getBody(String.class), name -> message.getHeader(name, String.class));
        return runs.outcomes(exchange, run.contract().classify(answer, Exchanges.batch(exchange)));
    }

    /** The batch's retries are over, or a fault ended it: every record fails with why. */
    public Object gaveUp(Exchange exchange) {
        Batch<Object> batch = Exchanges.batch(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!(cause instanceof RetryableApiException || cause instanceof CredentialsException || cause instanceof IOException)) {
            FileRun<Object> run = Exchanges.run(exchange);
            LOG.errorf(cause, "%s: batch %d of %s got no answer", run.contract().pipeline(), batch.number(), run.source());
        }
        return runs.outcomes(exchange, BatchOutcome.notDelivered(batch, cause, exchange.getProperty(Exchanges.ATTEMPTS, 0, Integer.class)));
    }
}
