package dropbridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.record.BadFileException;
import dropbridge.record.ReadResult;
import dropbridge.record.RecordFormat;
import dropbridge.record.RecordReader;
import dropbridge.record.SourceRecord;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The delivery of one dropped file: its record stream, its outcome files and its counts.
 * Every record read ends in exactly one outcome line, so read = succeeded + failed holds
 * at every moment between batches. Safe to use from the threads that call the API in parallel.
 */
public final class FileRun<T> {

    private static final Logger LOG = Logger.getLogger(FileRun.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiContract<T> contract;
    private final String source;
    private final OutcomeFiles outcomes;
    private final Clock clock;
    private final Instant startedAt;
    private final RecordReader reader;
    private final Iterator<Batch<T>> batches;

    private long read;
    private long succeeded;
    private final long[] failedAt = new long[Stage.values().length];
    private int apiCalls;
    private int retries;
    private volatile String stopReason;
    private String failReason;
    private ObjectNode report;
    private final Set<Integer> settledBatches = new HashSet<>();

    private FileRun(ApiContract<T> contract, String source, OutcomeFiles outcomes, Clock clock, RecordReader reader,
            String failReason) {
        this.contract = contract;
        this.source = source;
        this.outcomes = outcomes;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.reader = reader;
        this.failReason = failReason;
        this.batches = reader == null ? Collections.emptyIterator() : new BatchStream<>(reader, contract, this);
    }

    /**
     * Opens a dropped file for delivery. A file that cannot be read as records at all (unknown
     * extension, no header, no required column) gives a run with no batches that ends FAILED.
     */
    public static <T> FileRun<T> open(ApiContract<T> contract, String source, InputStream content, Path outbox,
            Clock clock) {
        OutcomeFiles outcomes = new OutcomeFiles(outbox, source);
        Optional<RecordFormat> format = RecordFormat.of(source).filter(contract.formats()::contains);
        if (format.isEmpty()) {
            close(content);
            return new FileRun<>(contract, source, outcomes, clock, null,
                    "unsupported file type: " + contract.pipeline() + " reads files named " + extensions(contract));
        }
        try {
            RecordReader reader = format.get().open(content, contract.requiredCsvColumn(), contract.lineField());
            return new FileRun<>(contract, source, outcomes, clock, reader, null);
        } catch (BadFileException | IOException e) {
            close(content);
            return new FileRun<>(contract, source, outcomes, clock, null, e.getMessage());
        }
    }

    public ApiContract<T> contract() {
        return contract;
    }

    public String source() {
        return source;
    }

    /** The file's batches, read lazily: pulling the next batch reads and checks the next records. */
    public Iterator<Batch<T>> batches() {
        return batches;
    }

    /** The outcome files, complete once {@link #finish()} has returned. */
    public List<File> outcomeFiles() {
        return List.of(outcomes.successFile().toFile(), outcomes.errorFile().toFile(), outcomes.reportFile().toFile());
    }

    /** True once an answer showed that no further batch can succeed; later batches are not sent. */
    public boolean stopped() {
        return stopReason != null;
    }

    synchronized void countRead() {
        read++;
    }

    public synchronized void countCall(boolean retry) {
        apiCalls++;
        if (retry) {
            retries++;
        }
    }

    synchronized void readFailed(ReadResult result) {
        writeError(result.line(), NODES.textNode(result.raw()), Stage.READ, "unreadable", result.problem());
    }

    synchronized void checkFailed(SourceRecord record, Checked<?> checked) {
        writeError(record.line(), record.fields(), Stage.CHECK, checked.code(), checked.reason());
    }

    /** The rest of the file cannot be read: it counts as one failed record and the file as failed. */
    synchronized void readStopped(long line, String problem) {
        read++;
        String reason = "file cannot be read past line " + (line - 1) + ": " + problem;
        writeError(line, NODES.nullNode(), Stage.READ, "unreadable-rest", reason);
        failReason = reason;
    }

    synchronized void notSent(SourceRecord record) {
        writeError(record.line(), record.fields(), Stage.API, "not-sent", "not sent: " + stopReason);
    }

    public synchronized void notSent(Batch<T> batch) {
        if (settledBatches.add(batch.number())) {
            batch.items().forEach(item -> notSent(item.source()));
        }
    }

    /** Every record of the batch failed at the API, with one code and reason (retries exhausted, say). */
    public synchronized void failed(Batch<T> batch, String code, String reason) {
        settle(batch, BatchOutcome.allFailed(batch, code, reason));
    }

    /** Whether the batch has its outcome. */
    public synchronized boolean settled(Batch<T> batch) {
        return settledBatches.contains(batch.number());
    }

    /** Records the outcome of a batch; a batch is settled once, and a later outcome for it is ignored. */
    public synchronized void settle(Batch<T> batch, BatchOutcome outcome) {
        if (report != null) {
            LOG.warnf("%s: an outcome for batch %d of %s came after its report; ignored", contract.pipeline(), batch.number(), source);
            return;
        }
        if (settledBatches.add(batch.number())) {
            apply(outcome);
        }
    }

    private void apply(BatchOutcome outcome) {
        for (ItemOutcome item : outcome.items()) {
            if (item.delivered()) {
                succeeded++;
                ObjectNode line = NODES.objectNode().put("source", source).put("line", item.source().line());
                if (item.details() != null) {
                    line.setAll(item.details());
                }
                outcomes.success(line);
            } else {
                writeError(item.source().line(), item.source().fields(), Stage.API, item.code(), item.reason());
            }
        }
        if (outcome.stopsFile() && stopReason == null) {
            stopReason = outcome.stopReason();
            LOG.warnf("%s: stopped sending %s: %s", contract.pipeline(), source, stopReason);
        }
    }

    private void writeError(long line, JsonNode record, Stage stage, String code,
            String reason) {
        failedAt[stage.ordinal()]++;
        outcomes.error(NODES.objectNode()
                .put("source", source)
                .put("line", line)
                .<ObjectNode>set("record", record)
                .put("stage", stage.label())
                .put("code", code)
                .put("reason", reason));
    }

    /** Writes the report, once; later calls return the same report. */
    public synchronized ObjectNode finish() {
        if (report != null) {
            return report;
        }
        if (reader != null) {
            reader.close();
        }
        outcomes.close();
        report = buildReport();
        outcomes.report(report);
        LOG.logf(failedFile() ? Logger.Level.WARN : Logger.Level.INFO, "%s: %s %s: read %d, succeeded %d, failed %d, %d API calls (%d retries)%s", contract.pipeline(),
                source, report.get("status").asText(), read, succeeded, failed(), apiCalls, retries,
                report.hasNonNull("reason") ? ": " + report.get("reason").asText() : "");
        return report;
    }

    /** Ends the run after an unexpected fault: the report says so and the file counts as failed. */
    public synchronized ObjectNode crash(String problem) {
        if (failReason == null) {
            failReason = "delivery stopped by an internal error: " + problem;
        }
        return finish();
    }

    public synchronized boolean failedFile() {
        return failReason != null || stopReason != null;
    }

    private long failed() {
        long total = 0;
        for (long count : failedAt) {
            total += count;
        }
        return total;
    }

    private ObjectNode buildReport() {
        Instant finishedAt = clock.instant();
        String reason = failReason != null ? failReason : stopReason;
        String status = reason != null ? "FAILED" : failed() == 0 ? "COMPLETED" : "COMPLETED_WITH_ERRORS";
        ObjectNode report = NODES.objectNode()
                .put("pipeline", contract.pipeline())
                .put("source", source)
                .put("status", status)
                .put("reason", reason);
        report.putObject("records")
                .put("read", read)
                .put("succeeded", succeeded)
                .put("failed", failed());
        ObjectNode byStage = report.putObject("failedByStage");
        for (Stage stage : Stage.values()) {
            byStage.put(stage.label(), failedAt[stage.ordinal()]);
        }
        report.put("batches", batches instanceof BatchStream<T> stream ? stream.batchCount() : 0)
                .put("apiCalls", apiCalls)
                .put("retries", retries)
                .put("startedAt", startedAt.toString())
                .put("finishedAt", finishedAt.toString())
                .put("durationMs", Duration.between(startedAt, finishedAt).toMillis());
        report.putObject("outcomes")
                .put("success", outcomes.successFile().getFileName().toString())
                .put("error", outcomes.errorFile().getFileName().toString());
        return report;
    }

    private static String extensions(ApiContract<?> contract) {
        return contract.formats().stream().sorted().flatMap(f -> f.extensions().stream()).map(e -> "*" + e).collect(Collectors.joining(", "));
    }

    private static void close(InputStream content) {
        try {
            content.close();
        } catch (IOException ignored) {
            // the run is failed already; the drop's own cleanup handles the file
        }
    }
}
