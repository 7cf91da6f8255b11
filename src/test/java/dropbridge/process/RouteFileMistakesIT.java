package dropbridge.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropbridge.pipeline.CleanTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged application started on a copy of the project's route folders plus a team's own
 * file, {@code crm.yaml}, which sorts before {@code drop-kinds.yaml}: a correct one starts and its
 * drop runs; a mistake in it ends the process before any drop polls, with one ERROR line that names
 * the file, the route and the parameter (or the mapping's key), and no stack trace.
 */
class RouteFileMistakesIT {

    private static final Path ROOT = Path.of("target", "it", "route-files");

    @Test
    void aCorrectFileSortingBeforeTheDropKindsStarts() throws IOException {
        RouteFolder folder = RouteFolder.create("correct", "ptengine-profiles", "checkOnly", "false");
        try (PackagedApp app = folder.start()) {
            app.awaitReady(Duration.ofSeconds(30));

            assertTrue(app.logText().contains("Started crm-drop"), app.logTail(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder.dir().resolve("data/inbox/crm/.done/users.csv")));
        }
    }

    @Test
    void anUnknownParameterStopsStartUp() throws IOException {
        RouteFolder folder = RouteFolder.create("unknown-parameter", "ptengine-profiles", "sucessSink", "file:out");
        try (PackagedApp app = folder.start()) {
            folder.assertStoppedWithOneLine(app, "unknown parameter 'sucessSink'");
        }
    }

    @Test
    void anUnknownPipelineStopsStartUp() throws IOException {
        RouteFolder folder = RouteFolder.create("unknown-pipeline", "ptengine-profile", "checkOnly", "false");
        try (PackagedApp app = folder.start()) {
            folder.assertStoppedWithOneLine(app, "parameter 'pipeline' names 'ptengine-profile', which is no pipeline");
        }
    }

    @Test
    void aMissingMappingStopsStartUp() throws IOException {
        RouteFolder folder = RouteFolder.create("missing-mapping", "ptengine-profiles", "mapping", "crm-profile");
        try (PackagedApp app = folder.start()) {
            folder.assertStoppedWithOneLine(app, "parameter 'mapping': mapping 'crm-profile': there is no crm-profile.yaml in");
        }
    }

    @Test
    void anUnknownKeyInTheMappingStopsStartUp() throws IOException {
        RouteFolder folder = RouteFolder.create("unknown-mapping-key", "ptengine-profiles", "mapping", "crm");
        Files.writeString(folder.dir().resolve("routes/mappings/crm.yaml"), "feilds:\n  user_id: Customer ID\n");
        try (PackagedApp app = folder.start()) {
            folder.assertStoppedWithOneLine(app, "crm.yaml: unknown key 'feilds'");
        }
    }

    /** The project's routes/, routes/pipelines/ and routes/mappings/ copied, with crm.yaml beside them and a file waiting in its drop. */
    private record RouteFolder(String name, Path dir) {

        static RouteFolder create(String name, String pipeline, String parameter, String value) throws IOException {
            Path dir = ROOT.resolve(name);
            CleanTestData.delete(dir);
            copyYaml(Path.of("routes"), dir.resolve("routes"));
            copyYaml(Path.of("routes", "pipelines"), dir.resolve("routes/pipelines"));
            copyYaml(Path.of("routes", "mappings"), dir.resolve("routes/mappings"));
            Files.writeString(dir.resolve("routes/crm.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: local-drop
                        routeId: crm-drop
                        parameters:
                          - { name: pipeline, value: %s }
                          - { name: folder, value: "{{dropbridge.data-dir}}/inbox/crm" }
                          - { name: %s, value: "%s" }
                    """.formatted(pipeline, parameter, value));
            Files.createDirectories(dir.resolve("data/inbox/crm"));
            Files.writeString(dir.resolve("data/inbox/crm/users.csv"), "user_id,plan\nuser-1,gold\n");
            return new RouteFolder(name, dir);
        }

        PackagedApp start() {
            int port = Ports.free();
            Map<String, String> env = new HashMap<>(PackagedApp.sandboxApis(port));
            env.put("DROPBRIDGE_DATA_DIR", dir.resolve("data").toString());
            env.put("DROPBRIDGE_ROUTES", "file:" + dir.resolve("routes") + "/*.yaml,file:" + dir.resolve("routes/pipelines") + "/*.yaml");
            env.put("DROPBRIDGE_MAPPINGS_DIRS", dir.resolve("routes/mappings").toString());
            env.put("DROPBRIDGE_DROP_MIN_AGE_MS", "0");
            return PackagedApp.start("route-files-" + name, port, env);
        }

        void assertStoppedWithOneLine(PackagedApp app, String problem) {
            assertNotEquals(0, app.awaitExitCode(Duration.ofSeconds(30)), app.logTail(30));
            String log = app.logText();
            List<String> lines = log.lines().filter(line -> line.contains(problem)).toList();
            assertEquals(1, lines.size(), log);
            assertTrue(lines.get(0).contains("ERROR") && lines.get(0).contains(dir.resolve("routes/crm.yaml") + ": templatedRoute 'crm-drop': "),
                    lines.get(0));
            assertFalse(log.lines().anyMatch(line -> line.startsWith("\tat ") || line.contains("Exception")), "no stack trace:\n" + log);
            assertFalse(log.contains("Consumer started") || log.contains("Started crm-drop"), "no drop started:\n" + log);
            assertTrue(Files.exists(dir.resolve("data/inbox/crm/users.csv")), "the dropped file was not taken");
        }

        private static void copyYaml(Path from, Path to) throws IOException {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }
}
