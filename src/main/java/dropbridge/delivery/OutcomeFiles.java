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

/**
 * The outcome files of one run of an input file, staged in the run's own folder until the drop
 * ships them to its sinks: {@code success/<name>.jsonl}, {@code error/<name>.jsonl} and
 * {@code reports/<name>.json}, the same relative names they get at a sink. Lines are written as
 * outcomes arrive, from several threads; the report is written last, whole, by a rename.
 */
public final class OutcomeFiles implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path success;
    private final Path error;
    private final Path report;
    private final BufferedWriter successWriter;
    private final BufferedWriter errorWriter;

    public OutcomeFiles(Path runFolder, String sourceName) {
        String name = OutcomeName.of(sourceName);
        this.success = runFolder.resolve("success").resolve(name + ".jsonl");
        this.error = runFolder.resolve("error").resolve(name + ".jsonl");
        this.report = runFolder.resolve("reports").resolve(name + ".json");
        try {
            Files.createDirectories(success.getParent());
            Files.createDirectories(error.getParent());
            Files.createDirectories(report.getParent());
            this.successWriter = Files.newBufferedWriter(success, StandardCharsets.UTF_8);
            this.errorWriter = Files.newBufferedWriter(error, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open outcome files under " + runFolder, e);
        }
    }

    public synchronized void success(JsonNode line) {
        write(successWriter, line);
    }

    public synchronized void error(JsonNode line) {
        write(errorWriter, line);
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

    public Path successFile() {
        return success;
    }

    public Path errorFile() {
        return error;
    }

    public Path reportFile() {
        return report;
    }

    @Override
    public synchronized void close() {
        try (successWriter; errorWriter) {
            successWriter.flush();
            errorWriter.flush();
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
