package dropbridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The outcome files of one run of an input file, staged in the run's own folder until the drop
 * ships them to its sinks (see {@link RunFolder}). Lines are written as outcomes arrive, from
 * several threads, after any lines an interrupted earlier run of the file left; the report is
 * written whole, by a rename.
 */
public final class OutcomeFiles implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path report;
    private final BufferedWriter successWriter;
    private final BufferedWriter errorWriter;
    private final BufferedWriter skippedWriter;

    public OutcomeFiles(RunFolder run) {
        this.report = run.report();
        try {
            this.successWriter = appending(run.success());
            this.errorWriter = appending(run.error());
            this.skippedWriter = appending(run.skipped());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open outcome files under " + run.folder(), e);
        }
    }

    public synchronized void success(JsonNode line) {
        write(successWriter, line);
    }

    public synchronized void error(JsonNode line) {
        write(errorWriter, line);
    }

    public synchronized void skipped(JsonNode line) {
        write(skippedWriter, line);
    }

    private static BufferedWriter appending(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Hands the lines written so far to the file system, so they outlive the process: after a
     * crash, a record with an outcome line is not sent again.
     */
    public synchronized void flush() {
        try {
            successWriter.flush();
            errorWriter.flush();
            skippedWriter.flush();
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
        try (successWriter; errorWriter; skippedWriter) {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close outcome files", e);
        }
    }

    private static void write(BufferedWriter writer, JsonNode line) {
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outcome line", e);
        }
    }
}
