package dropbridge.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.pipeline.CleanTestData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A fresh data folder whose only drop is a local folder of the ptengine-profiles pipeline, for the
 * tests that run the packaged application as a process: its settings, dropping a file of users into
 * it, and where that file's outcomes end up.
 */
final class PtengineDropFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final Path routes;

    private PtengineDropFolder(Path data) {
        this.data = data;
        this.routes = data.resolve("ptengine-drop.yaml");
    }

    /** Deletes what an earlier run left in {@code data}, and writes the drop's route there. */
    static PtengineDropFolder create(Path data) throws IOException {
        CleanTestData.delete(data);
        PtengineDropFolder folder = new PtengineDropFolder(data);
        Files.createDirectories(folder.inbox());
        Files.writeString(folder.routes, """
                - templatedRoute:
                    routeTemplateRef: local-drop
                    routeId: ptengine-profiles-local-drop
                    parameters:
                      - { name: pipeline, value: ptengine-profiles }
                      - { name: folder, value: "{{dropbridge.data-dir}}/inbox/ptengine-profiles" }
                """);
        return folder;
    }

    /** The application's data folder, and routes with this drop as their only one. */
    Map<String, String> settings() {
        return Map.of("DROPBRIDGE_DATA_DIR", data.toString(),
                "DROPBRIDGE_ROUTES", "file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,file:" + routes);
    }

    Path inbox() {
        return data.resolve("inbox/ptengine-profiles");
    }

    Path report(String name) {
        return data.resolve("outbox/ptengine-profiles/reports").resolve(name + ".json");
    }

    /** A CSV of {@code rows} users, written under a temporary name and then moved into the drop. */
    void drop(String name, int rows) throws IOException {
        Path part = inbox().resolve(name + ".part");
        try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            out.write("user_id,plan,city\n");
            for (int row = 1; row <= rows; row++) {
                out.write("user-" + row + ",gold,Paris\n");
            }
        }
        Files.move(part, inbox().resolve(name));
    }

    /** The file's success outcomes are one well-formed line per row. */
    void assertOneSuccessLinePerRow(String name, int rows) throws IOException {
        Path success = data.resolve("outbox/ptengine-profiles/success").resolve(name + ".jsonl");
        Set<Long> lines = new HashSet<>();
        for (String line : Files.readAllLines(success, StandardCharsets.UTF_8)) {
            assertTrue(lines.add(JSON.readTree(line).get("line").asLong()), "one success line per row: " + line);
        }
        assertEquals(rows, lines.size());
    }
}
