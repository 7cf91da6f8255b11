package dropbridge.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The outcome files of one run of an input file, staged in the run's own folder until the drop
 * ships them to its sinks (see {@link RunFolder}). Lines are written as outcomes arrive, from
 * several threads, after any lines an interrupted earlier run of the file left; the report is
 * written whole, by a rename. A line is one JSON object, written straight to its file without a
 * tree or a String in between.
 */
public final class OutcomeFiles implements AutoCloseable {

    /** Writes the fields of one outcome line's object. */
    @FunctionalInterface
    public interface Line {
        void writeFields(JsonGenerator line) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path report;
    private final JsonGenerator successLines;
    private final JsonGenerator errorLines;
    private final JsonGenerator skippedLines;

    public OutcomeFiles(RunFolder run) {
        this.report = run.report();
        try {
            this.successLines = appending(run.success());
            this.errorLines = appending(run.error());
            this.skippedLines = appending(run.skipped());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open outcome files under " + run.folder(), e);
        }
    }

    public synchronized void success(Line line) {
        write(successLines, line);
    }

    public synchronized void error(Line line) {
        write(errorLines, line);
    }

    public synchronized void skipped(Line line) {
        write(skippedLines, line);
    }

    private static JsonGenerator appending(Path file) throws IOException {
        JsonGenerator lines = StreamingJson.to(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        // each line ends with its own line break instead (see write)
        lines.setRootValueSeparator(null);
        return lines;
    }

    /**
     * Hands the lines written so far to the file system, so they outlive the process: after a
     * crash, a record with an outcome line is not sent again.
     */
    public synchronized void flush() {
        try {
            successLines.flush();
            errorLines.flush();
            skippedLines.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outcome lines", e);
        }
    }

    public void report(JsonNode content) {
        try {
            Path partial = report.resolveSibling(report.getFileName() + ".part");
            JSON.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), content);
            Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + report, e);
        }
    }

    @Override
    public synchronized void close() {
        try (successLines; errorLines; skippedLines) {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close outcome files", e);
        }
    }

    // a line break after the object, so that a line is complete on disk only once it is whole
    private static void write(JsonGenerator lines, Line line) {
        try {
            lines.writeStartObject();
            line.writeFields(lines);
            lines.writeEndObject();
            lines.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outcome line", e);
        }
    }
}
