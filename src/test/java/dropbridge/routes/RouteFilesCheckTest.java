package dropbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropbridge.mapping.Mappings;
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
import org.junit.jupiter.api.io.TempDir;

/** Every route file a team may edit loads and holds together; a team's mistake is named with its file and parameter. */
class RouteFilesCheckTest {

    private static final List<Path> ROUTE_FOLDERS = List.of(Path.of("routes"), Path.of("routes/pipelines"),
            Path.of("src/test/resources/test-routes"), Path.of("bench"));
    private static final Mappings MAPPINGS = new Mappings(List.of(Path.of("routes/mappings")));

    @Test
    void everyRouteFileLoadsInCamelAndHoldsTogether() throws Exception {
        Map<String, String> files = routeFiles();
        assertTrue(files.keySet().stream().anyMatch(name -> name.endsWith("drops.yaml")));
        try (DefaultCamelContext camel = loadInCamel(files)) {
            assertNotNull(camel.getRouteDefinition("ptengine-profiles-local-drop"));
        }
        // the test drops and the bench drop repeat a route id of drops.yaml on purpose: checked apart
        files.keySet().removeIf(name -> name.startsWith("bench/"));
        assertEquals(List.of(), RouteFilesCheck.check(files, MAPPINGS));
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

        assertEquals(List.of(), RouteFilesCheck.check(files, MAPPINGS));
        try (DefaultCamelContext camel = loadInCamel(files)) {
            assertNotNull(camel.getRouteDefinition("crm-drop"));
        }
    }

    @Test
    void aTeamsMistakesAreNamedWithFileRouteAndParameter() throws Exception {
        Map<String, String> files = applicationRouteFiles();
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

        List<String> problems = RouteFilesCheck.check(files, MAPPINGS);

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
    void aMappingThatIsMissingOrMisspeltAndAnUnreadableEncodingOrDelimiterAreNamed(@TempDir Path mappingFolder) throws Exception {
        Files.writeString(mappingFolder.resolve("typo.yaml"), "feilds:\n  user_id: Customer ID\n");
        Map<String, String> files = applicationRouteFiles();
        files.put("routes/team.yaml", """
                - templatedRoute:
                    routeTemplateRef: local-drop
                    routeId: crm-drop
                    parameters:
                      - { name: pipeline, value: ptengine-profiles }
                      - { name: folder, value: inbox/crm }
                      - { name: mapping, value: crm-profile }
                      - { name: encoding, value: GBX }
                - templatedRoute:
                    routeTemplateRef: local-drop
                    routeId: typo-drop
                    parameters:
                      - { name: pipeline, value: ptengine-profiles }
                      - { name: folder, value: inbox/typo }
                      - { name: mapping, value: typo }
                      - { name: delimiter, value: ";;" }
                - templatedRoute:
                    routeTemplateRef: local-drop
                    routeId: placeholder-drop
                    parameters:
                      - { name: pipeline, value: ptengine-profiles }
                      - { name: folder, value: inbox/placeholder }
                      - { name: mapping, value: "{{crm.mapping}}" }
                """);

        List<Path> mappingFolders = List.of(mappingFolder, Path.of("routes/mappings"));
        List<String> problems = RouteFilesCheck.check(files, new Mappings(mappingFolders));

        assertEquals(List.of(
                "routes/team.yaml: templatedRoute 'crm-drop': parameter 'mapping': mapping 'crm-profile': there is no crm-profile.yaml in "
                        + mappingFolders,
                "routes/team.yaml: templatedRoute 'crm-drop': unknown encoding \"GBX\": use a Java charset name, such as UTF-8, GBK, "
                        + "GB18030, UTF-16LE or UTF-16BE",
                "routes/team.yaml: templatedRoute 'typo-drop': parameter 'mapping': " + mappingFolder.resolve("typo.yaml")
                        + ": unknown key 'feilds'; a mapping takes [constants, emptyValues, fields, keepOtherColumns, skip]",
                "routes/team.yaml: templatedRoute 'typo-drop': the delimiter must be one character, such as , ; | or \\t for a tab, not \";;\""),
                problems);
    }

    @Test
    void aRouteIdUsedTwiceIsNamed() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", "- route:\n    id: same\n    from:\n      uri: direct:a\n      steps: []\n");
        files.put("b.yaml", "- route:\n    id: same\n    from:\n      uri: direct:b\n      steps: []\n");

        assertEquals(List.of("b.yaml: route id 'same' is already used in a.yaml"), RouteFilesCheck.check(files, MAPPINGS));
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

    /** The route files the application loads, without the test drops and the bench drop. */
    private static Map<String, String> applicationRouteFiles() throws IOException {
        Map<String, String> files = routeFiles();
        files.keySet().removeIf(name -> name.startsWith("bench/") || name.contains("test-routes"));
        return files;
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
