package dropbridge.pipeline;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Drops files into the running application's local drops and reads the outcomes it writes. */
public final class Drops {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Drops() {
    }

    public static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("dropbridge.data-dir", String.class));
    }

    public static Path inbox(String pipeline) {
        return dataDir().resolve("inbox").resolve(pipeline);
    }

    public static Path outbox(String pipeline) {
        return Path.of(ConfigProvider.getConfig().getValue("dropbridge.outbox-dir", String.class)).resolve(pipeline);
    }

    /**
     * Writes the file next to the drop, then moves it in whole, as a careful uploader would.
     * Outcomes of an earlier run of the same file name are removed first.
     */
    public static void drop(String pipeline, String fileName, byte[] content) {
        try {
            Path inbox = inbox(pipeline);
            Path outbox = outbox(pipeline);
            for (Path earlier : List.of(outbox.resolve("reports").resolve(fileName + ".json"),
                    outbox.resolve("success").resolve(fileName + ".jsonl"),
                    outbox.resolve("error").resolve(fileName + ".jsonl"),
                    outbox.resolve("skipped").resolve(fileName + ".jsonl"),
                    inbox.resolve(".done").resolve(fileName),
                    inbox.resolve(".failed").resolve(fileName))) {
                Files.deleteIfExists(earlier);
            }
            Files.createDirectories(inbox);
            Path staging = Files.createTempFile(dataDir(), "staging", ".tmp");
            Files.write(staging, content);
            Files.move(staging, inbox.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void drop(String pipeline, String fileName, String content) {
        drop(pipeline, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for the file's final report (written last; IN_PROGRESS until then) and returns it. */
    public static JsonNode awaitReport(String pipeline, String fileName) {
        return awaitFinalReport(outbox(pipeline).resolve("reports").resolve(fileName + ".json"));
    }

    /** Waits until the report file exists and says how the file ended, and returns it. */
    public static JsonNode awaitFinalReport(Path report) {
        // a sink without a temporary name may be caught half-written: such a read is tried again
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> Files.exists(report) && isFinal(read(report)));
        return read(report);
    }

    /** Whether a report says how its file ended: not IN_PROGRESS any more. */
    public static boolean isFinal(JsonNode report) {
        String status = report.path("status").asText("");
        return !status.isEmpty() && !status.equals("IN_PROGRESS") && report.has("outcomes");
    }

    /** Waits until the drop has moved the file to .done or .failed, and says which. */
    public static String awaitMoved(String pipeline, String fileName) {
        Path done = inbox(pipeline).resolve(".done").resolve(fileName);
        Path failed = inbox(pipeline).resolve(".failed").resolve(fileName);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(done) || Files.exists(failed));
        return Files.exists(done) ? ".done" : ".failed";
    }

    public static List<JsonNode> successLines(String pipeline, String fileName) {
        return lines(outbox(pipeline).resolve("success").resolve(fileName + ".jsonl"));
    }

    public static List<JsonNode> errorLines(String pipeline, String fileName) {
        return lines(outbox(pipeline).resolve("error").resolve(fileName + ".jsonl"));
    }

    public static List<JsonNode> skippedLines(String pipeline, String fileName) {
        return lines(outbox(pipeline).resolve("skipped").resolve(fileName + ".jsonl"));
    }

    public static List<JsonNode> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(Drops::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
