package dropbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/** Every route file a team may edit loads and holds together; a team's mistake is named with its file and parameter. */
class RouteFilesCheckTest {

    private static final List<Path> ROUTE_FOLDERS = List.of(Path.of("routes"), Path.of("routes/pipelines"),
            Path.of("src/test/resources/test-routes"), Path.of("bench"));

    @Test
    void everyRouteFileLoadsInCamelAndHoldsTogether() throws Exception {
        Map<String, String> files = routeFiles();
        assertTrue(files.keySet().stream().anyMatch(name -> name.endsWith("drops.yaml")));
        try (DefaultCamelContext camel = loadInCamel(files)) {
            assertNotNull(camel.getRouteDefinition("ptengine-profiles-local-drop"));
        }
        // the test drops and the bench drop repeat a route id of drops.yaml on purpose: checked apart
        files.keySet().removeIf(name -> name.startsWith("bench/"));
        assertEquals(List.of(), RouteFilesCheck.check(files));
    }

    @Test
    void aFileOfDropsSortingBeforeTheDropKindsLoadsAndHoldsTogether() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("routes/crm.yaml", """
                - templatedRoute:
                    routeTemplateRef: local-drop
                    routeId: crm-drop
                    parameters:
                      - { name: pipeline, value: ptengine-profiles }
                      - { name: folder, value: inbox/crm }
                """);
        files.putAll(routeFiles());
        files.keySet().removeIf(name -> name.startsWith("bench/"));

        assertEquals(List.of(), RouteFilesCheck.check(files));
        try (DefaultCamelContext camel = loadInCamel(files)) {
            assertNotNull(camel.getRouteDefinition("crm-drop"));
        }
    }

    @Test
    void aTeamsMistakesAreNamedWithFileRouteAndParameter() throws Exception {
        Map<String, String> files = routeFiles();
        files.keySet().removeIf(name -> name.startsWith("bench/") || name.contains("test-routes"));
        files.put("routes/team.yaml", """
                - templatedRoute:
                    routeTemplateRef: local-drop
                    routeId: typo-drop
                    parameters:
                      - { name: pipeline, value: ptengine-profile }
                      - { name: folder, value: inbox/x }
                      - { name: sucessSink, value: "file:out" }
                      - { name: checkOnly, value: "yes" }
                - templatedRoute:
                    routeTemplateRef: s3-drop
                    routeId: half-drop
                    parameters:
                      - { name: pipeline, value: rabbitpre-events }
                      - { name: bucket, value: b }
                      - { name: prefix, value: in/ }
                      - { name: donePrefix, value: done/ }
                      - { name: failedPrefix, value: failed/ }
                - templatedRoute:
                    routeTemplateRef: ftp-drop
                    routeId: unknown-kind
                """);

        List<String> problems = RouteFilesCheck.check(files);

        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.contains("routes/team.yaml: templatedRoute 'typo-drop': unknown parameter 'sucessSink'; template "
                + "'local-drop' (routes/drop-kinds.yaml) takes [pipeline, namespace, folder, sink, successSink, errorSink, skippedSink, reportSink, sinkPrefix, checkOnly, mapping, encoding, delimiter]"),
                problems.toString());
        assertTrue(problems.contains("routes/team.yaml: templatedRoute 'typo-drop': parameter 'checkOnly' is 'yes'; it takes true or false"),
                problems.toString());
        assertTrue(problems.contains("routes/team.yaml: templatedRoute 'typo-drop': parameter 'pipeline' names 'ptengine-profile', "
                + "which is no pipeline (known: [engagelab-profile-query, ptengine-profiles, rabbitpre-events])"), problems.toString());
        assertTrue(problems.contains("routes/team.yaml: templatedRoute 'half-drop': missing parameter 'sink', which template 's3-drop' requires"),
                problems.toString());
        assertTrue(problems.get(4).startsWith("routes/team.yaml: templatedRoute 'unknown-kind': unknown routeTemplateRef 'ftp-drop'"),
                problems.toString());
    }

    @Test
    void aRouteIdUsedTwiceIsNamed() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", "- route:\n    id: same\n    from:\n      uri: direct:a\n      steps: []\n");
        files.put("b.yaml", "- route:\n    id: same\n    from:\n      uri: direct:b\n      steps: []\n");

        assertEquals(List.of("b.yaml: route id 'same' is already used in a.yaml"), RouteFilesCheck.check(files));
    }

    /**
     * Loads the files in one go, as the application does: Camel adds every file's route
     * configurations, then every file's templates and routes, and only then the templated routes,
     * so a file's name does not decide whether the templates it uses are there.
     */
    private static DefaultCamelContext loadInCamel(Map<String, String> files) throws Exception {
        List<Resource> resources = new ArrayList<>();
        files.forEach((name, yaml) -> resources.add(ResourceHelper.fromString(name, yaml)));
        DefaultCamelContext camel = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
        return camel;
    }

    private static Map<String, String> routeFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path folder : ROUTE_FOLDERS) {
            try (Stream<Path> paths = Files.list(folder)) {
                for (Path file : paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    files.put(file.toString().replace('\\', '/').replace("src/test/resources/", ""), Files.readString(file));
                }
            }
        }
        return files;
    }
}
