package dropbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.ApiAnswer;
import dropbridge.delivery.ApiRequest;
import dropbridge.delivery.Batch;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.CredentialsException;
import dropbridge.delivery.FileFailedException;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.InFlightLimit;
import dropbridge.delivery.RetryableApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.Phaser;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The steps the YAML routes call ({@code bean: {ref: delivery, method: ...}}): they hand the
 * exchange's file, batches and HTTP answers to the plain delivery classes. The run of a file
 * travels in the exchange property {@value #RUN}, the batch of an API call in {@value #BATCH}.
 */
@ApplicationScoped
@Named("delivery")
@RegisterForReflection(fields = false)
public class DeliverySteps {

    public static final String PIPELINE = "dropbridgePipeline";
    /** The route that sends one batch, with retries. */
    public static final String API_CALL = "direct:api-call";
    public static final String RUN = "dropbridgeRun";
    public static final String BATCH = "dropbridgeBatch";
    /** The dropped file's name, relative to its drop. */
    public static final String SOURCE = "dropbridgeSource";
    /** The outcome files of the dropped file, once written: success, error, report. */
    public static final String OUTCOMES = "dropbridgeOutcomes";
    /** What a drop puts before the outcome files' names at its sink. */
    public static final String SINK_PREFIX = "dropbridgeSinkPrefix";
    /** How many times the current batch has been sent, first attempt included. */
    public static final String ATTEMPTS = "dropbridgeAttempts";

    private static final Logger LOG = Logger.getLogger(DeliverySteps.class);
    private static final String[] KEEP_ON_RETRY = {Exchange.REDELIVERED, Exchange.REDELIVERY_COUNTER, Exchange.REDELIVERY_MAX_COUNTER};

    @Inject
    Pipelines pipelines;

    @Inject
    ProducerTemplate producer;

    @ConfigProperty(name = "dropbridge.outbox-dir")
    Path outbox;

    @Inject
    MeterRegistry metrics;

    /** Names the dropped file (exchange property {@value #SOURCE}), so a drop can settle it whatever happens next. */
    public void name(Exchange exchange) {
        exchange.setProperty(SOURCE, DropNames.sourceName(exchange));
    }

    /** Starts the delivery of the dropped file in the body; the pipeline is named by the route. */
    public void open(Exchange exchange) throws Exception {
        String pipeline = exchange.getProperty(PIPELINE, String.class);
        Message message = exchange.getMessage();
        name(exchange);
        String source = exchange.getProperty(SOURCE, String.class);
        InputStream content = message.getMandatoryBody(InputStream.class);
        FileRun<?> run = FileRun.open(pipelines.get(pipeline).contract(), source, content, outbox.resolve(pipeline), Clock.systemUTC());
        exchange.setProperty(RUN, run);
        LOG.infof("%s: delivering %s", pipeline, source);
    }

    /**
     * Reads the file's batches and has the pipeline's sending threads take each through
     * {@value #API_CALL}; returns once every batch has an outcome. Reading waits while every
     * sending thread is busy, so at most that many batches are in memory.
     */
    public void send(Exchange exchange) throws InterruptedException {
        FileRun<Object> run = run(exchange);
        InFlightLimit sending = pipelines.get(exchange.getProperty(PIPELINE, String.class)).sending();
        Phaser unfinished = new Phaser(1);
        try {
            for (Iterator<Batch<Object>> batches = run.batches(); batches.hasNext();) {
                Batch<Object> batch = batches.next();
                unfinished.register();
                try {
                    sending.submit(() -> {
                        try {
                            call(exchange, run, batch);
                        } finally {
                            unfinished.arriveAndDeregister();
                        }
                    });
                } catch (RuntimeException | InterruptedException notSubmitted) {
                    unfinished.arriveAndDeregister();
                    run.failed(batch, "not-sent", "not sent: " + describe(notSubmitted));
                    throw notSubmitted;
                }
            }
        } finally {
            unfinished.arriveAndAwaitAdvance();
        }
    }

    private void call(Exchange file, FileRun<Object> run, Batch<Object> batch) {
        Exchange call = file.copy();
        call.setProperty(BATCH, batch);
        producer.send(API_CALL, call);
        if (!run.settled(batch)) {
            Exception cause = call.getException() != null ? call.getException()
                    : call.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            notDelivered(run, batch, cause, call.getProperty(ATTEMPTS, 0, Integer.class));
        }
    }

    /** Whether the batch is still to be sent: false once the file was stopped by an earlier answer. */
    public boolean sending(Exchange exchange) {
        return !run(exchange).stopped();
    }

    public void notSent(Exchange exchange) {
        run(exchange).notSent(batch(exchange));
    }

    /** Turns the batch into the HTTP request: body, credentials, content type. */
    public void request(Exchange exchange) throws CredentialsException, RetryableApiException, InterruptedException {
        FileRun<Object> run = run(exchange);
        Message message = exchange.getMessage();
        int attempt = exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(ATTEMPTS, attempt);
        ApiRequest request = run.contract().request(batch(exchange));
        run.countCall(attempt > 1);
        message.removeHeaders("*", KEEP_ON_RETRY);
        message.setHeader(Exchange.HTTP_URI, run.contract().url());
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        request.headers().forEach(message::setHeader);
        message.setBody(request.body());
    }

    /** Classifies the API's answer into one outcome per record; throws to have a transient failure retried. */
    public void answer(Exchange exchange) throws RetryableApiException {
        FileRun<Object> run = run(exchange);
        Message message = exchange.getMessage();
        ApiAnswer answer = new ApiAnswer(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                message.getBody(String.class));
        forgetRequest(message);
        run.settle(batch(exchange), run.contract().classify(answer, batch(exchange)));
    }

    /**
     * The batch ended without an answer to classify: the last retry failed, the credentials could
     * not be used, or a fault nobody expected. Its records fail with why; the rest of the file goes on.
     */
    private static void notDelivered(FileRun<Object> run, Batch<Object> batch, Exception cause, int attempts) {
        if (cause instanceof CredentialsException) {
            run.settle(batch, BatchOutcome.stopFile(batch, "credentials", cause.getMessage()));
        } else if (cause instanceof RetryableApiException retryable) {
            run.failed(batch, retryable.code(), "gave up after " + attempts + " attempts: " + describe(cause));
        } else if (cause instanceof IOException) {
            run.failed(batch, "connection", "gave up after " + attempts + " attempts: " + describe(cause));
        } else {
            LOG.errorf(cause, "%s: batch %d of %s got no outcome", run.contract().pipeline(), batch.number(), run.source());
            run.failed(batch, "delivery-error", "not delivered: " + describe(cause));
        }
    }

    /** Writes the file's report; a failed file ends its exchange in failure so the drop moves it aside. */
    public void finish(Exchange exchange) throws FileFailedException {
        FileRun<?> run = run(exchange);
        ObjectNode report = run.finish();
        exchange.setProperty(OUTCOMES, run.outcomeFiles());
        count(run.contract().pipeline(), report);
        if (run.failedFile()) {
            throw new FileFailedException(run.source() + ": " + report.path("reason").asText());
        }
    }

    /**
     * Names an outcome file (the body) for a sink: {@code <sinkPrefix><folder>/<file>}, e.g.
     * {@code results/ptengine-profiles/reports/users.csv.json}, in the headers the file, SFTP and S3
     * producers read.
     */
    public void nameOutcome(Exchange exchange) throws InvalidPayloadException {
        File outcome = exchange.getMessage().getMandatoryBody(File.class);
        String name = exchange.getProperty(SINK_PREFIX, "", String.class) + outcome.getParentFile().getName() + "/" + outcome.getName();
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
        exchange.getMessage().setHeader(DropNames.S3_KEY, name);
    }

    /** Last resort for a fault the steps did not expect: the file still gets a report that says so. */
    public void crashed(Exchange exchange) {
        FileRun<?> run = exchange.getProperty(RUN, FileRun.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (run != null && !(cause instanceof FileFailedException)) {
            LOG.errorf(cause, "%s: delivery of %s stopped by an unexpected error", run.contract().pipeline(), run.source());
            run.crash(describe(cause));
            exchange.setProperty(OUTCOMES, run.outcomeFiles());
        }
    }

    /** Prometheus counters per pipeline: files by final status, records by outcome, API calls and retries. */
    private void count(String pipeline, ObjectNode report) {
        metrics.counter("dropbridge.files", "pipeline", pipeline, "status", report.path("status").asText()).increment();
        metrics.counter("dropbridge.records", "pipeline", pipeline, "outcome", "succeeded").increment(report.at("/records/succeeded").asLong());
        metrics.counter("dropbridge.records", "pipeline", pipeline, "outcome", "failed").increment(report.at("/records/failed").asLong());
        metrics.counter("dropbridge.api.calls", "pipeline", pipeline).increment(report.path("apiCalls").asLong());
        metrics.counter("dropbridge.api.retries", "pipeline", pipeline).increment(report.path("retries").asLong());
    }

    /** Drops the request headers, which hold credentials, so no later log or error handler can show them. */
    private static void forgetRequest(Message message) {
        message.removeHeaders("*", KEEP_ON_RETRY);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }

    @SuppressWarnings("unchecked")
    private static FileRun<Object> run(Exchange exchange) {
        return exchange.getProperty(RUN, FileRun.class);
    }

    @SuppressWarnings("unchecked")
    private static Batch<Object> batch(Exchange exchange) {
        return exchange.getProperty(BATCH, Batch.class);
    }
}
