package dropbridge.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.mapping.RecordMapping;
import dropbridge.record.BadFileException;
import dropbridge.record.ReadAheadRecords;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The delivery of one dropped file: its record stream, its staged outcome files and its counts.
 * Every record read ends in exactly one outcome line, so read = succeeded + failed + skipped once
 * every batch handed out has its outcomes. Safe to use from the threads that call the API in parallel.
 *
 * <p>A run goes on from where an interrupted earlier run of the same file ended (see
 * {@link EarlierRun}): records that already have an outcome line are read but neither checked
 * nor sent again, and a file whose earlier run wrote its final report is not read at all.
 */
public final class FileRun<T> {

    private static final Logger LOG = Logger.getLogger(FileRun.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiContract<T> contract;
    private final String source;
    private final RunFolder files;
    private final OutcomeFiles outcomes;
    private final EarlierRun earlier;
    private final SentJournal journal;
    private final Clock clock;
    private final Instant startedAt;
    private final RecordReader reader;
    private final BatchStream<T> stream;
    private final KeyOrder<T> keyOrder;
    private final IsolationTally isolation = new IsolationTally();
    private final InFlightLimit inFlight;
    private final boolean checkOnly;
    private final CountingInputStream content;
    private final long size;

    private long read;
    private long succeeded;
    private long skipped;
    private final long[] failedAt = new long[Stage.values().length];
    private int apiCalls;
    private int retries;
    private int placesHeld;
    private long sentAgain;
    private volatile String stopReason;
    private volatile boolean handingOver;
    private volatile boolean handedOver;
    private volatile Batch<T> leftForNextRun;
    private String failReason;
    private ObjectNode report;

    private FileRun(ApiContract<T> contract, String source, CountingInputStream content, long size, RunFolder files,
            EarlierRun earlier, InFlightLimit inFlight, boolean checkOnly, Clock clock, RecordReader reader, RecordMapping mapping,
            String failReason) {
        this.contract = contract;
        this.source = source;
        this.content = content;
        this.size = size;
        this.files = files;
        this.earlier = earlier;
        this.outcomes = earlier.finished() ? null : new OutcomeFiles(files);
        this.journal = earlier.finished() || checkOnly ? null : new SentJournal(files.sentJournal());
        this.inFlight = inFlight;
        this.checkOnly = checkOnly;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.reader = reader;
        this.failReason = failReason;
        this.keyOrder = new KeyOrder<>(contract);
        this.stream = reader == null ? null : new BatchStream<>(reader, contract, mapping, this, keyOrder);
        this.succeeded = earlier.succeeded();
        this.skipped = earlier.skipped();
        for (Stage stage : Stage.values()) {
            failedAt[stage.ordinal()] = earlier.failedAt(stage);
        }
        if (earlier.finished()) {
            report = earlier.report();
            if ("FAILED".equals(report.path("status").asText())) {
                this.failReason = report.path("reason").asText("failed");
            }
        }
    }

    /**
     * Opens a dropped file for delivery, its outcomes staged in {@code folder}, which belongs to
     * the file's runs from its drop alone. What an earlier run of the same version of the file left
     * there is taken up (see {@link EarlierRun}). A file that cannot be read as records at all
     * (unknown extension, no header, no required column) gives a run with no batches that ends FAILED.
     *
     * @param shape how the drop's files are read (encoding, delimiter, the longest record: a longer
     *     one is an error outcome, and reading goes on at the next one) and mapped before their check
     * @param checkOnly the records are read and checked, and none is sent (see {@link #wouldSend(Batch)})
     */
    public static <T> FileRun<T> open(ApiContract<T> contract, DroppedFile dropped, Path folder,
            InFlightLimit inFlight, RecordShape shape, boolean checkOnly, Clock clock) throws IOException {
        String source = dropped.name();
        CountingInputStream content = new CountingInputStream(dropped.content());
        RunFolder files = RunFolder.of(folder, source);
        EarlierRun earlier = EarlierRun.in(files, dropped.version());
        if (earlier.finished()) {
            close(content);
            LOG.infof("%s: %s was delivered before a restart (%s); its outcomes are shipped again and it is settled",
                    contract.pipeline(), source, earlier.report().path("status").asText());
            return new FileRun<>(contract, source, content, dropped.size(), files, earlier, inFlight, checkOnly, clock, null, null, null);
        }
        if (earlier.resumed()) {
            LOG.infof("%s: resuming %s after an interruption: %d records have their outcome and are not sent again",
                    contract.pipeline(), source, earlier.withOutcome());
        }
        Optional<RecordFormat> format = RecordFormat.of(source).filter(contract.formats()::contains);
        if (format.isEmpty()) {
            close(content);
            return new FileRun<>(contract, source, content, dropped.size(), files, earlier, inFlight, checkOnly, clock, null, null,
                    "unsupported file type: " + contract.pipeline() + " reads files named " + extensions(contract));
        }
        try {
            RecordReader reader = format.get().open(content, shape.options(), contract.lineField());
            try {
                if (!reader.columns().isEmpty()) {
                    shape.mapping().checkHeader(reader.columns(), contract.requiredCsvColumn());
                }
            } catch (BadFileException e) {
                reader.close();
                throw e;
            }
            return new FileRun<>(contract, source, content, dropped.size(), files, earlier, inFlight, checkOnly, clock,
                    new ReadAheadRecords(reader, content::count, source), shape.mapping(), null);
        } catch (BadFileException | IOException e) {
            close(content);
            return new FileRun<>(contract, source, content, dropped.size(), files, earlier, inFlight, checkOnly, clock, null, null, e.getMessage());
        }
    }

    /** A dropped entry that is not read at all: a run with no records that ends FAILED for this reason. */
    public static <T> FileRun<T> refuse(ApiContract<T> contract, String source, Path folder, InFlightLimit inFlight, boolean checkOnly,
            Clock clock, String reason) throws IOException {
        RunFolder files = RunFolder.of(folder, source);
        return new FileRun<>(contract, source, new CountingInputStream(InputStream.nullInputStream()), -1, files, EarlierRun.in(files, null),
                inFlight, checkOnly, clock, null, null, reason);
    }

    public ApiContract<T> contract() {
        return contract;
    }

    public String source() {
        return source;
    }

    /** The folder the run's outcome files are staged in until the file is settled. */
    public RunFolder folder() {
        return files;
    }

    /**
     * The file's batches, read lazily: handing out a batch first takes a place in flight, waiting
     * while every place of the pipeline is taken, and the caller gives it back with
     * {@link #sent(Batch)}. A batch handed out after the file was stopped is not to be sent: see
     * {@link #notSent(Batch)}. (An iterator that said it has a next batch must give one: Camel's
     * split ends when {@code hasNext()} turns false.)
     */
    public Iterator<Batch<T>> batches() {
        if (stream == null) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!stream.hasNext()) {
                    return false;
                }
                if (handingOver) {
                    handedOver = true;
                    return false;
                }
                return true;
            }

            @Override
            public Batch<T> next() {
                if (!stream.hasNext()) {
                    throw new NoSuchElementException();
                }
                takePlace();
                Batch<T> batch = stream.next();
                if (handingOver) {
                    // handed over while this batch waited for a place: it is not sent (see leftForNextRun)
                    handedOver = true;
                    leftForNextRun = batch;
                    return batch;
                }
                keyOrder.handOut(batch);
                journal(batch);
                return batch;
            }
        };
    }

    /**
     * A batch about to be sent is journaled first (not one of a check-only or stopped file, which
     * is never sent); records an earlier run sent without getting their outcomes count as sent again.
     */
    private void journal(Batch<T> batch) {
        if (journal == null || stopped() || batch.nothingToSend()) {
            return;
        }
        journal.sending(batch);
        long again = batch.items().stream().filter(item -> earlier.wasSent(item.source())).count();
        synchronized (this) {
            sentAgain += again;
        }
    }

    /** True when an interrupted earlier run wrote this record's outcome: it is neither checked nor sent again. */
    boolean hasOutcome(long number, long line) {
        return earlier.hasOutcome(number, line);
    }

    private void takePlace() {
        try {
            inFlight.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send the next batch of " + source, e);
        }
        synchronized (this) {
            placesHeld++;
        }
    }

    /** The batch has its outcomes (or will never get more): its place in flight is free again. */
    public void sent(Batch<T> batch) {
        keyOrder.answered(batch);
        synchronized (this) {
            if (placesHeld == 0) {
                return;
            }
            placesHeld--;
        }
        inFlight.free();
    }

    /**
     * The process is stopping and this file is left to the next run: no further batch is handed
     * out (the batches already out still get their outcomes). See {@link #handedOver()}.
     */
    public void handOver() {
        handingOver = true;
    }

    /**
     * True when {@link #handOver()} cut the file's batches short: the outcomes so far are staged,
     * and the next run of the file resumes after them, so this one must neither finish nor settle it.
     */
    public boolean handedOver() {
        return handedOver;
    }

    /** True for a batch handed out after the run was handed over: it is neither sent nor given outcomes. */
    public boolean leftForNextRun(Batch<T> batch) {
        return batch == leftForNextRun;
    }

    /** The staged outcome files, complete once {@link #finish()} has returned: success, error, report. */
    public List<File> outcomeFiles() {
        return List.of(files.success().toFile(), files.error().toFile(), files.skipped().toFile(), files.report().toFile());
    }

    /** True once an answer showed that no further batch can succeed; later batches are not sent. */
    public boolean stopped() {
        return stopReason != null;
    }

    /** Why no further batch is sent, or null while batches are sent. */
    public String stopReason() {
        return stopReason;
    }

    /** No further batch of the file is sent, for this reason. */
    public synchronized void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
            LOG.warnf("%s: stopped sending %s: %s", contract.pipeline(), source, reason);
        }
    }

    /**
     * The dropped file changed while it was delivered (a writer still at work): the records read
     * keep their outcomes, but the file fails rather than pass for complete.
     */
    public synchronized void changedWhileDelivered(String change) {
        if (failReason == null) {
            failReason = "the file changed while it was delivered (" + change + "): only the records read before have outcomes;"
                    + " write a file elsewhere and move it into the drop once it is complete";
        }
    }

    synchronized void countRead() {
        read++;
    }

    /** How many requests the run has sent so far, retries included. */
    public synchronized int apiCalls() {
        return apiCalls;
    }

    /** One request of the batch goes out; every one after the first is a retry. */
    public synchronized void countCall(boolean retry) {
        apiCalls++;
        if (retry) {
            retries++;
        }
    }

    synchronized void readFailed(ReadResult result) {
        writeError(result.line(), result.number(), NODES.textNode(result.raw()), Stage.READ, "unreadable", result.problem());
    }

    synchronized void checkFailed(SourceRecord record, Checked<?> checked) {
        writeError(record.line(), record.number(), record.fields(), Stage.CHECK, checked.code(), checked.reason());
    }

    /** The rest of the file cannot be read: it counts as one failed record and the file as failed. */
    synchronized void readStopped(long line, long number, String problem) {
        read++;
        String reason = "file cannot be read past line " + (line - 1) + ": " + problem;
        if (!hasOutcome(number, line)) {
            writeError(line, number, NODES.nullNode(), Stage.READ, "unreadable-rest", reason);
        }
        failReason = reason;
    }

    synchronized void notSent(SourceRecord record) {
        writeError(record.line(), record.number(), record.fields(), Stage.API, "not-sent", "not sent: " + stopReason);
    }

    /** The outcome of a batch that is not sent because the file was stopped. */
    public BatchOutcome notSent(Batch<T> batch) {
        return BatchOutcome.allFailed(batch, "not-sent", "not sent: " + stopReason);
    }

    /**
     * The API refused a batch as a whole for its content: empty when the batch is to be isolated
     * (see {@link BatchIsolation}), else why not, for its records' reasons.
     */
    public Optional<String> isolating(IsolationPolicy policy) {
        return isolation.admit(policy, batchCount());
    }

    /** A batch's isolation is over: its requests and the records refused count in the report. */
    public void isolated(BatchIsolation<T> done) {
        isolation.add(done);
    }

    /** The figures so far, for the IN_PROGRESS report, the progress log line and gauges. */
    public synchronized RunProgress progress() {
        return new RunProgress(contract.pipeline(), source, read, succeeded, failed(), skipped, earlier.withOutcome(), content.count(), size, startedAt,
                clock.instant());
    }

    /**
     * While the file is delivered, rewrites its staged report as IN_PROGRESS with the figures so
     * far, then hands the report file to {@code written} (under the run's lock, so nothing written
     * after the final report can replace it). False, and nothing written, once the run is finished.
     */
    public synchronized boolean refreshReport(Consumer<Path> written) {
        if (report != null) {
            return false;
        }
        ObjectNode progressReport = buildReport("IN_PROGRESS", null);
        progressReport.set("progress", progress().toJson());
        outcomes.report(progressReport);
        written.accept(files.report());
        return true;
    }

    /**
     * The outcome of a batch of a check-only run: every record passed the check and would have
     * been sent in the request numbered like the batch; its success line shows what it would carry.
     */
    public BatchOutcome wouldSend(Batch<T> batch) {
        return BatchOutcome.allDelivered(batch, item -> NODES.objectNode()
                .put("checkOnly", true)
                .put("request", batch.number())
                .set("wouldSend", contract.sentForm(item.payload())));
    }

    /** Records the API took: one success line each, on disk when this returns. */
    public synchronized void delivered(List<ItemOutcome> items) {
        items.forEach(this::delivered);
        outcomes.flush();
    }

    /** Records the API refused, or that could not be delivered: one error line each, on disk when this returns. */
    public synchronized void failed(List<ItemOutcome> items) {
        items.forEach(this::failed);
        outcomes.flush();
    }

    /** Records the drop's mapping skipped: one skipped line each, with the skip rule's reason, on disk when this returns. */
    public synchronized void skipped(List<ItemOutcome> items) {
        for (ItemOutcome item : items) {
            skipped++;
            outcomes.skipped(line -> {
                writePlace(line, item.source().line(), item.source().number());
                line.writeStringField("reason", item.reason());
            });
        }
        outcomes.flush();
    }

    /** A record the API took: one success line. */
    public synchronized void delivered(ItemOutcome item) {
        succeeded++;
        outcomes.success(line -> {
            writePlace(line, item.source().line(), item.source().number());
            if (item.details() != null) {
                for (Map.Entry<String, JsonNode> detail : item.details().properties()) {
                    line.writeFieldName(detail.getKey());
                    StreamingJson.write(line, detail.getValue());
                }
            }
        });
    }

    /** A record the API refused, or that could not be delivered: one error line with why. */
    public synchronized void failed(ItemOutcome item) {
        writeError(item.source().line(), item.source().number(), item.source().fields(), Stage.API, item.code(), item.reason());
    }

    private void writeError(long line, long number, JsonNode record, Stage stage, String code, String reason) {
        failedAt[stage.ordinal()]++;
        outcomes.error(out -> {
            writePlace(out, line, number);
            out.writeFieldName("record");
            StreamingJson.write(out, record);
            out.writeStringField("stage", stage.label());
            out.writeStringField("code", code);
            out.writeStringField("reason", reason);
        });
    }

    /** The fields every outcome line starts with: where in the dropped file its record is. */
    private void writePlace(JsonGenerator out, long line, long number) throws IOException {
        out.writeStringField("source", source);
        out.writeNumberField("line", line);
        out.writeNumberField("recordNumber", number);
    }

    /** Writes the report, once; later calls return the same report. Places still held are freed. */
    public synchronized ObjectNode finish() {
        if (report != null) {
            return report;
        }
        while (placesHeld > 0) {
            placesHeld--;
            inFlight.free();
        }
        if (reader != null) {
            reader.close();
        }
        outcomes.close();
        if (journal != null) {
            journal.close();
        }
        report = buildReport();
        outcomes.report(report);
        LOG.logf(failedFile() ? Logger.Level.WARN : Logger.Level.INFO, "%s: %s %s%s: read %d, succeeded %d, failed %d, skipped %d, %d API calls (%d retries)%s",
                contract.pipeline(), source, report.get("status").asText(),
                checkOnly ? " (check only, requests that would have been made: " + batchCount() + ")" : "",
                read, succeeded, failed(), skipped, apiCalls, retries, report.hasNonNull("reason") ? ": " + report.get("reason").asText() : "");
        return report;
    }

    /** Ends the run after an unexpected fault: the report says so and the file counts as failed. */
    public synchronized ObjectNode crash(String problem) {
        if (failReason == null) {
            failReason = "delivery stopped by an internal error: " + problem;
        }
        return finish();
    }

    /** Records whose success outcome this run wrote (an interrupted earlier run's are not counted again). */
    public synchronized long succeededInThisRun() {
        return succeeded - earlier.succeeded();
    }

    /** Records whose error outcome this run wrote (an interrupted earlier run's are not counted again). */
    public synchronized long failedInThisRun() {
        long before = 0;
        for (Stage stage : Stage.values()) {
            before += earlier.failedAt(stage);
        }
        return failed() - before;
    }

    /** Records whose skipped outcome this run wrote (an interrupted earlier run's are not counted again). */
    public synchronized long skippedInThisRun() {
        return skipped - earlier.skipped();
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

    private int batchCount() {
        return stream == null ? 0 : stream.batchCount();
    }

    private ObjectNode buildReport() {
        Instant finishedAt = clock.instant();
        String reason = failReason != null ? failReason : stopReason;
        String status = reason != null ? "FAILED" : failed() == 0 ? "COMPLETED" : "COMPLETED_WITH_ERRORS";
        ObjectNode report = buildReport(status, reason);
        report.put("finishedAt", finishedAt.toString())
                .put("durationMs", Duration.between(startedAt, finishedAt).toMillis());
        report.putObject("outcomes")
                .put("success", files.success().getFileName().toString())
                .put("error", files.error().getFileName().toString())
                .put("skipped", files.skipped().getFileName().toString());
        return report;
    }

    /** The report's counts, whatever the status. */
    private ObjectNode buildReport(String status, String reason) {
        ObjectNode report = NODES.objectNode()
                .put("pipeline", contract.pipeline())
                .put("source", source)
                .put("status", status)
                .put("reason", reason)
                .put("checkOnly", checkOnly);
        report.putObject("records")
                .put("read", read)
                .put("succeeded", succeeded)
                .put("failed", failed())
                .put("skipped", skipped);
        ObjectNode byStage = report.putObject("failedByStage");
        for (Stage stage : Stage.values()) {
            byStage.put(stage.label(), failedAt[stage.ordinal()]);
        }
        if (checkOnly) {
            report.putObject("wouldSend")
                    .put("requests", batchCount())
                    .put("records", succeeded);
        }
        if (earlier.resumes() > 0) {
            report.putObject("resumed")
                    .put("times", earlier.resumes())
                    .put("firstStartedAt", earlier.firstStartedAt())
                    .put("recordsWithOutcomeBefore", earlier.withOutcome())
                    .put("recordsSentAgain", earlier.sentAgain() + sentAgain);
        }
        report.set("isolation", isolation.toJson());
        report.put("batches", batchCount())
                .put("apiCalls", apiCalls)
                .put("retries", retries)
                .put("startedAt", startedAt.toString());
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
