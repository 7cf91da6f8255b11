package dropbridge.camel;

import dropbridge.delivery.ApiAnswer;
import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.CredentialsException;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.RetryableApiException;
import dropbridge.delivery.SendHold;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    private final Map<String, SendHold> holds = new ConcurrentHashMap<>();
    private final Duration maxHold;

    ApiCallSteps(@ConfigProperty(name = "dropbridge.retry.max-delay-ms") long maxDelayMs) {
        this.maxHold = Duration.ofMillis(maxDelayMs);
    }

    /**
     * The batch as the API's JSON body; counts the attempt for the file's report. Waits first
     * while an answer's {@code Retry-After} holds the pipeline's requests.
     */
    public byte[] requestBody(Exchange exchange) throws InterruptedException {
        FileRun<Object> run = Exchanges.run(exchange);
        hold(run).await();
        int attempt = exchange.getProperty(Exchanges.ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(Exchanges.ATTEMPTS, attempt);
        run.countCall(attempt > 1);
        return run.contract().requestBody(Exchanges.batch(exchange));
    }

    /** The answer as one outcome per record of the batch; throws to have a transient failure retried. */
    public BatchOutcome classify(Exchange exchange) throws RetryableApiException {
        FileRun<Object> run = Exchanges.run(exchange);
        Message message = exchange.getMessage();
        ApiAnswer answer = new ApiAnswer(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                message.getBody(String.class), name -> headerValue(message, name));
        try {
            return run.contract().classify(answer, Exchanges.batch(exchange));
        } catch (RetryableApiException retry) {
            retry.retryAfter().ifPresent(wait -> hold(run).holdFor(wait.compareTo(maxHold) > 0 ? maxHold : wait));
            throw retry;
        }
    }

    /** A header as one text: an HTTP date holds a comma, at which the HTTP component splits a value into a list. */
    private static String headerValue(Message message, String name) {
        Object value = message.getHeader(name);
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value == null ? null : value.toString();
    }

    private SendHold hold(FileRun<Object> run) {
        return holds.computeIfAbsent(run.contract().pipeline(), pipeline -> new SendHold());
    }

    /** The batch's retries are over, or a fault ended it: every record fails with why. */
    public BatchOutcome gaveUp(Exchange exchange) {
        Batch<Object> batch = Exchanges.batch(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!(cause instanceof RetryableApiException || cause instanceof CredentialsException || cause instanceof IOException)) {
            FileRun<Object> run = Exchanges.run(exchange);
            LOG.errorf(cause, "%s: batch %d of %s got no answer", run.contract().pipeline(), batch.number(), run.source());
        }
        return BatchOutcome.notDelivered(batch, cause, exchange.getProperty(Exchanges.ATTEMPTS, 0, Integer.class));
    }
}
