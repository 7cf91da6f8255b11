package dropbridge.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far the delivery of a file has come: records so far, bytes read of the file's size (when
 * the drop knows it, else -1), and what follows from them: the share read, the rate of records
 * that got their outcome, and an estimated end (only where the size is known). Reading runs
 * ahead of sending by the batches in flight, so the end is estimated from the share of the file
 * whose records are done, not from the share read.
 */
public record RunProgress(String pipeline, String source, long read, long succeeded, long failed, long skipped, long doneBefore, long bytesRead,
        long bytesTotal, Instant startedAt, Instant at) {

    public Duration elapsed() {
        return Duration.between(startedAt, at);
    }

    /** The share of the file read, 0 to 1; empty when its size is unknown. */
    public Optional<Double> share() {
        if (bytesTotal <= 0) {
            return Optional.empty();
        }
        return Optional.of(Math.min(1.0, (double) bytesRead / bytesTotal));
    }

    /**
     * Records that got their outcome per second since this run started (an interrupted earlier
     * run's outcomes, {@code doneBefore}, are not this run's work).
     */
    public double recordsPerSecond() {
        long millis = elapsed().toMillis();
        return millis <= 0 ? 0 : (done() - doneBefore) * 1000.0 / millis;
    }

    /** When the file will be done at this run's pace so far: the share of the file done, less what was done before, per elapsed time. */
    public Optional<Instant> estimatedEnd() {
        return share().filter(share -> read > 0).flatMap(share -> {
            double done = share * done() / read;
            double doneHere = done - share * doneBefore / read;
            if (done <= 0 || doneHere <= 0) {
                return Optional.empty();
            }
            return Optional.of(at.plusMillis((long) (elapsed().toMillis() * (1 - done) / doneHere)));
        });
    }

    /** Records with their outcome: succeeded, failed or skipped. */
    private long done() {
        return succeeded + failed + skipped;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("at", at.toString())
                .put("bytesRead", bytesRead);
        if (bytesTotal > 0) {
            json.put("bytesTotal", bytesTotal);
        } else {
            json.putNull("bytesTotal");
        }
        share().ifPresentOrElse(share -> json.put("share", Math.round(share * 1000) / 1000.0), () -> json.putNull("share"));
        json.put("recordsPerSecond", Math.round(recordsPerSecond() * 10) / 10.0);
        estimatedEnd().ifPresentOrElse(end -> json.put("estimatedEnd", end.toString()), () -> json.putNull("estimatedEnd"));
        return json;
    }

    /** One log line: {@code users.csv in progress: read 12000 (succeeded 11800, failed 200), 45% of 3200000 bytes, 850 records/s, estimated end ...}. */
    public String describe() {
        StringBuilder line = new StringBuilder()
                .append(pipeline).append(": ").append(source).append(" in progress for ").append(elapsed().toSeconds()).append(" s: read ")
                .append(read).append(" (succeeded ").append(succeeded).append(", failed ").append(failed).append(", skipped ").append(skipped).append("), ");
        share().ifPresentOrElse(
                share -> line.append(Math.round(share * 100)).append("% of ").append(bytesTotal).append(" bytes"),
                () -> line.append(bytesRead).append(" bytes (size unknown)"));
        line.append(", ").append(Math.round(recordsPerSecond())).append(" records/s");
        estimatedEnd().ifPresent(end -> line.append(", estimated end ").append(end));
        return line.toString();
    }
}
