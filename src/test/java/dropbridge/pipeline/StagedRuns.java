package dropbridge.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a run that finished but was never settled leaves behind (the process died after the final
 * report, before its drop moved the file): its folder under the work dir, as a drop finds it at
 * the next pick-up of the same file.
 */
public final class StagedRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StagedRuns() {
    }

    /** The run's folder of a file picked up by the drop route. */
    public static Path folder(String dropRoute, String source) {
        return Path.of(ConfigProvider.getConfig().getValue("dropbridge.work-dir", String.class)).resolve(dropRoute).resolve(source);
    }

    /**
     * Stages a finished run of {@code rows} delivered records for the version of the file, with a
     * report whose {@code "note"} tells it from a report written now; returns that report.
     */
    public static ObjectNode finished(String pipeline, String dropRoute, String source, String version, int rows) {
        Path folder = folder(dropRoute, source);
        ObjectNode report = JSON.createObjectNode()
                .put("pipeline", pipeline)
                .put("source", source)
                .put("status", "COMPLETED")
                .put("note", "written by the run before the crash");
        report.putObject("records").put("read", rows).put("succeeded", rows).put("failed", 0);
        report.putObject("outcomes").put("success", source + ".jsonl").put("error", source + ".jsonl");
        StringBuilder success = new StringBuilder();
        for (int line = 2; line <= rows + 1; line++) {
            success.append("{\"source\":\"").append(source).append("\",\"line\":").append(line).append("}\n");
        }
        try {
            Files.createDirectories(folder.resolve("success"));
            Files.createDirectories(folder.resolve("error"));
            Files.createDirectories(folder.resolve("reports"));
            Files.writeString(folder.resolve("source.version"), version, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("success").resolve(source + ".jsonl"), success, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("error").resolve(source + ".jsonl"), "", StandardCharsets.UTF_8);
            JSON.writeValue(folder.resolve("reports").resolve(source + ".json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }
}
