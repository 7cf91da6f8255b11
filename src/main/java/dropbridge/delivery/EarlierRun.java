package dropbridge.delivery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.record.SourceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * What an earlier run of the same dropped file left in its folder when the process stopped
 * before the file was settled (killed, crashed, lost its leadership): the records that already
 * have an outcome line, which are not sent again, the batches it journaled as sent, and its
 * report. A folder left by another version of the file (same name, other size, time or ETag) is
 * cleared: that file is delivered from its first record.
 */
public final class EarlierRun {

    private static final Logger LOG = Logger.getLogger(EarlierRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IN_PROGRESS = "IN_PROGRESS";

    private final RecordSet withOutcome;
    private final RecordSet sent;
    private final long succeeded;
    private final long skipped;
    private final long[] failedAt;
    private final ObjectNode report;
    private final int resumes;
    private final long sentAgain;

    private EarlierRun(RecordSet withOutcome, RecordSet sent, long succeeded, long skipped, long[] failedAt, ObjectNode report) {
        this.withOutcome = withOutcome;
        this.sent = sent;
        this.succeeded = succeeded;
        this.skipped = skipped;
        this.failedAt = failedAt;
        this.report = report;
        JsonNode resumed = report == null ? JSON.missingNode() : report.path("resumed");
        boolean interrupted = !finished() && (report != null || !withOutcome.isEmpty());
        this.resumes = resumed.path("times").asInt() + (interrupted ? 1 : 0);
        this.sentAgain = resumed.path("recordsSentAgain").asLong();
    }

    /** No earlier run: the file is delivered from its first record. */
    static EarlierRun none() {
        return new EarlierRun(new RecordSet(), new RecordSet(), 0, 0, new long[Stage.values().length], null);
    }

    /**
     * Reads what an earlier run of this version of the file left in the run's folder, after
     * cutting any outcome line it was writing when it stopped, and leaves the folder ready for
     * this run: created, holding nothing of another version, marked with this version.
     */
    static EarlierRun in(RunFolder run, String version) throws IOException {
        String staged = Files.exists(run.sourceVersion()) ? Files.readString(run.sourceVersion(), StandardCharsets.UTF_8) : null;
        boolean sameFile = version != null && Objects.equals(staged, version);
        if (!sameFile && Files.exists(run.folder())) {
            LOG.infof("%s: outcomes staged for an earlier version of the file are cleared; this one is delivered from its first record", run.folder());
            run.delete();
        }
        run.createOutcomeFiles();
        if (!sameFile) {
            Files.writeString(run.sourceVersion(), version == null ? "" : version, StandardCharsets.UTF_8);
            return none();
        }
        ObjectNode report = Files.exists(run.report()) ? (ObjectNode) JSON.readTree(run.report().toFile()) : null;
        RecordSet withOutcome = new RecordSet();
        long[] failedAt = new long[Stage.values().length];
        long succeeded = scan(run.success(), withOutcome, null);
        scan(run.error(), withOutcome, failedAt);
        long skipped = scan(run.skipped(), withOutcome, null);
        RecordSet sent = new RecordSet(SentJournal.read(run.sentJournal()), SentJournal.read(run.sentLinesJournal()));
        return new EarlierRun(withOutcome, sent, succeeded, skipped, failedAt, report);
    }

    /** True when an earlier run was interrupted and this one goes on from where its outcomes end. */
    boolean resumed() {
        return resumes > 0 && !finished();
    }

    /** True when an earlier run wrote its final report: the file only needs its outcomes shipped and to be settled. */
    boolean finished() {
        return report != null && !IN_PROGRESS.equals(report.path("status").asText());
    }

    ObjectNode report() {
        return report;
    }

    boolean hasOutcome(long number, long line) {
        return withOutcome.contains(number, line);
    }

    boolean wasSent(SourceRecord record) {
        return sent.contains(record.number(), record.line());
    }

    long succeeded() {
        return succeeded;
    }

    long skipped() {
        return skipped;
    }

    long failedAt(Stage stage) {
        return failedAt[stage.ordinal()];
    }

    long withOutcome() {
        return withOutcome.size();
    }

    /** How many times the file's delivery was resumed, this run included. */
    int resumes() {
        return resumes;
    }

    /** When the file's first run started, as its staged report says; null when there was none. */
    String firstStartedAt() {
        if (report == null) {
            return null;
        }
        return report.path("resumed").path("firstStartedAt").asText(report.path("startedAt").asText(null));
    }

    /** Records sent again by the earlier resumed runs. */
    long sentAgain() {
        return sentAgain;
    }

    private static Stage stageOf(String label) {
        for (Stage stage : Stage.values()) {
            if (stage.label().equals(label)) {
                return stage;
            }
        }
        return Stage.API;
    }

    /**
     * Marks the record of every outcome line in the file, counting the lines (by stage, for error
     * lines). A line the process was writing when it stopped is cut first.
     */
    private static long scan(Path outcomes, RecordSet withOutcome, long[] failedAt) throws IOException {
        if (!Files.exists(outcomes)) {
            return 0;
        }
        StagedLines.dropPartialLine(outcomes);
        long count = 0;
        try (BufferedReader in = Files.newBufferedReader(outcomes, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                long line = -1;
                long number = 0;
                String stage = null;
                try (JsonParser parser = JSON.createParser(text)) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.FIELD_NAME && (line < 0 || number == 0 || (failedAt != null && stage == null))) {
                        String field = parser.currentName();
                        parser.nextToken();
                        switch (field) {
                            case "line" -> line = parser.getLongValue();
                            case "recordNumber" -> number = parser.getLongValue();
                            case "stage" -> stage = parser.getText();
                            default -> parser.skipChildren();
                        }
                    }
                }
                if (line < 0) {
                    continue;
                }
                withOutcome.add(number, line);
                count++;
                if (failedAt != null) {
                    failedAt[stageOf(stage).ordinal()]++;
                }
            }
        }
        return count;
    }
}
