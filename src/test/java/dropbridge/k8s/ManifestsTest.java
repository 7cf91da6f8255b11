package dropbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropbridge.mapping.Mappings;
import dropbridge.routes.RouteFilesCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every overlay of k8s/overlays as {@code kubectl kustomize <overlay>} renders it, with kustomize's
 * default load restrictor, the one {@code kubectl apply -k} uses: a production deployment of
 * several replicas that share the drops through Leases, the route files of routes/ mounted from
 * hash-suffixed ConfigMaps, the sandbox off, and only the credentials of the pipelines its drops feed.
 */
class ManifestsTest {

    private static final String KUBECTL = "kubectl";
    private static final Path OVERLAYS = Path.of("k8s", "overlays");

    /** The keys of the Secret dropbridge-credentials each pipeline reads (application.properties). */
    private static final Map<String, Set<String>> CREDENTIALS = Map.of(
            "ptengine-profiles", Set.of("PTENGINE_API_KEY"),
            "engagelab-profile-query", Set.of("ENGAGELAB_API_KEY", "ENGAGELAB_API_SECRET"),
            "rabbitpre-events", Set.of("RABBITPRE_APP_ID", "RABBITPRE_APP_SECRET"));

    /** The ConfigMaps generated from files, which the pods mount: each name carries a hash of the content. */
    private static final Map<String, String> MOUNTED = Map.of(
            "dropbridge-routes", "/deployments/routes",
            "dropbridge-pipelines", "/deployments/pipelines",
            "dropbridge-mappings", "/deployments/mappings",
            "dropbridge-drops", "/deployments/drops");

    @TestFactory
    Stream<DynamicTest> everyOverlayIsAProductionDeployment() throws IOException {
        List<Path> overlays;
        try (Stream<Path> folders = Files.list(OVERLAYS)) {
            overlays = folders.filter(folder -> Files.isRegularFile(folder.resolve("kustomization.yaml"))).sorted().toList();
        }
        assertTrue(overlays.size() >= 2, "an S3 and an SFTP overlay at least: " + overlays);
        return overlays.stream().flatMap(overlay -> Stream.of(
                DynamicTest.dynamicTest(overlay.getFileName() + ": replicas share the drops through Leases", () -> replicasShareTheDropsThroughLeases(kustomize(overlay))),
                DynamicTest.dynamicTest(overlay.getFileName() + ": mounts the generated ConfigMaps of routes/", () -> mountsTheGeneratedConfigMaps(kustomize(overlay))),
                DynamicTest.dynamicTest(overlay.getFileName() + ": the sandbox is off", () -> theSandboxIsOff(kustomize(overlay))),
                DynamicTest.dynamicTest(overlay.getFileName() + ": its drops hold together with the routes", () -> itsDropsHoldTogether(kustomize(overlay))),
                DynamicTest.dynamicTest(overlay.getFileName() + ": only its pipelines' credentials", () -> onlyItsPipelinesCredentials(kustomize(overlay))),
                DynamicTest.dynamicTest(overlay.getFileName() + ": what its drops' kinds need", () -> whatItsDropKindsNeed(kustomize(overlay)))));
    }

    @Test
    void theS3OverlayHasOneDropForOnePipeline() throws Exception {
        List<Map<String, Object>> manifests = kustomize(OVERLAYS.resolve("s3-one-drop"));
        List<Map<String, Object>> drops = drops(manifests);
        assertEquals(1, drops.size(), "one drop");
        assertEquals("s3-drop", drops.get(0).get("routeTemplateRef"));
        assertEquals(Set.of("ptengine-profiles"), pipelinesFed(manifests));
    }

    @Test
    void aRouteEditRollsThePods(@TempDir Path kit) throws Exception {
        copy(Path.of("routes"), kit.resolve("routes"));
        copy(Path.of("k8s"), kit.resolve("k8s"));
        Path overlay = kit.resolve(OVERLAYS).resolve("s3-one-drop");
        Map<String, String> before = mountedConfigMaps(kustomize(overlay));

        Files.writeString(kit.resolve("routes/delivery.yaml"), "\n# edited\n", StandardOpenOption.APPEND);
        Map<String, String> afterRouteEdit = mountedConfigMaps(kustomize(overlay));
        assertNotEquals(before.get("dropbridge-routes"), afterRouteEdit.get("dropbridge-routes"), "a new routes ConfigMap, so the pod template changes");
        assertEquals(before.get("dropbridge-pipelines"), afterRouteEdit.get("dropbridge-pipelines"));
        assertEquals(before.get("dropbridge-drops"), afterRouteEdit.get("dropbridge-drops"));

        Files.writeString(kit.resolve("routes/pipelines/ptengine-profiles.yaml"), "\n# edited\n", StandardOpenOption.APPEND);
        Files.writeString(kit.resolve("routes/mappings/crm-profiles.yaml"), "\n# edited\n", StandardOpenOption.APPEND);
        Files.writeString(overlay.resolve("drops.yaml"), "\n# edited\n", StandardOpenOption.APPEND);
        Map<String, String> afterAllEdits = mountedConfigMaps(kustomize(overlay));
        for (String name : List.of("dropbridge-pipelines", "dropbridge-mappings", "dropbridge-drops")) {
            assertNotEquals(afterRouteEdit.get(name), afterAllEdits.get(name), name + " after its file was edited");
        }
    }

    @Test
    void theOpsComponentStillRendersOnTop() throws Exception {
        Path overlay = Files.createDirectories(Path.of("target", "kustomize-ops"));
        Files.writeString(overlay.resolve("kustomization.yaml"),
                "resources: [../../k8s/overlays/s3-one-drop]\ncomponents: [../../k8s/ops]\n");

        List<Map<String, Object>> manifests = kustomize(overlay);

        assertNotNull(one(manifests, "PrometheusRule"));
        assertNotNull(one(manifests, "ServiceMonitor"));
        assertNotNull(one(manifests, "Deployment"));
    }

    private static void replicasShareTheDropsThroughLeases(List<Map<String, Object>> manifests) {
        Map<String, Object> spec = map(one(manifests, "Deployment"), "spec");
        assertTrue(((Number) spec.get("replicas")).intValue() >= 2, "replicas: " + spec.get("replicas"));
        assertEquals("RollingUpdate", map(spec, "strategy").get("type"));
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        Map<String, Object> container = container(manifests);
        assertEquals("/q/health/live", map(map(container, "livenessProbe"), "httpGet").get("path"));
        // ready = able to lead or stand by, not every drop's state: only ready pods may hold a Lease
        assertEquals("/q/health/group/cluster", map(map(container, "readinessProbe"), "httpGet").get("path"));
        assertTrue(maps(container.get("env")).stream().anyMatch(env -> "POD_NAME".equals(env.get("name"))
                && "metadata.name".equals(map(map(env, "valueFrom"), "fieldRef").get("fieldPath"))), "POD_NAME from the pod's name");

        String serviceAccount = (String) pod.get("serviceAccountName");
        assertNotNull(named(manifests, "ServiceAccount", serviceAccount));
        Map<String, Object> binding = one(manifests, "RoleBinding");
        assertTrue(maps(binding.get("subjects")).stream().anyMatch(s -> serviceAccount.equals(s.get("name"))));
        Map<String, Object> role = named(manifests, "Role", (String) map(binding, "roleRef").get("name"));
        assertRule(role, "coordination.k8s.io", "leases", List.of("get", "list", "create", "update"));
        assertRule(role, "", "pods", List.of("get", "list"));

        Map<String, Object> budget = one(manifests, "PodDisruptionBudget");
        assertEquals(map(map(spec, "selector"), "matchLabels"), map(map(budget, "spec"), "selector").get("matchLabels"));
        assertEquals(1, map(budget, "spec").get("minAvailable"));

        Map<String, Object> config = config(manifests);
        assertEquals("kubernetes", config.get("DROPBRIDGE_CLUSTER_SERVICE"));
        String selector = (String) config.get("DROPBRIDGE_CLUSTER_POD_SELECTOR");
        Map<String, Object> podLabels = map(map(map(spec, "template"), "metadata"), "labels");
        for (String pair : selector.split(",")) {
            String[] label = pair.split("=", 2);
            assertEquals(label[1], podLabels.get(label[0]), "the pods carry the cluster's selector " + selector);
        }
    }

    private static void mountsTheGeneratedConfigMaps(List<Map<String, Object>> manifests) throws IOException {
        Map<String, String> mounted = mountedConfigMaps(manifests);
        Map<String, Object> container = container(manifests);
        for (Map.Entry<String, String> generated : MOUNTED.entrySet()) {
            String name = mounted.get(generated.getKey());
            assertNotNull(name, "a volume from the ConfigMap " + generated.getKey() + ": " + mounted);
            assertTrue(name.matches(generated.getKey() + "-[a-z0-9]{10}"), "hash-suffixed, so that an edit rolls the pods: " + name);
            assertNotNull(named(manifests, "ConfigMap", name));
            String volume = volumeOf(manifests, name);
            assertTrue(maps(container.get("volumeMounts")).stream().anyMatch(m -> volume.equals(m.get("name"))
                    && generated.getValue().equals(m.get("mountPath"))), generated.getKey() + " at " + generated.getValue());
        }
        String config = (String) map(maps(container.get("envFrom")).get(0), "configMapRef").get("name");
        assertTrue(config.matches("dropbridge-config-[a-z0-9]{10}"), "the settings too roll the pods: " + config);

        // the mounted route files are exactly those of routes/ (a file not listed in routes/kustomization.yml is missed)
        assertEquals(files(Path.of("routes"), "drop-kinds.yaml", "delivery.yaml"), data(manifests, mounted.get("dropbridge-routes")));
        assertEquals(files(Path.of("routes/pipelines")), data(manifests, mounted.get("dropbridge-pipelines")));
        assertEquals(files(Path.of("routes/mappings")), data(manifests, mounted.get("dropbridge-mappings")));
        assertEquals("file:routes/drop-kinds.yaml,file:routes/delivery.yaml,file:drops/*.yaml,file:pipelines/*.yaml",
                config(manifests).get("DROPBRIDGE_ROUTES"));
        assertEquals("mappings", config(manifests).get("DROPBRIDGE_MAPPINGS_DIRS"));
    }

    private static void theSandboxIsOff(List<Map<String, Object>> manifests) {
        Map<String, Object> settings = new TreeMap<>(config(manifests));
        for (Map<String, Object> env : maps(container(manifests).get("env"))) {
            settings.put((String) env.get("name"), env.get("value"));
        }
        assertFalse("true".equalsIgnoreCase(String.valueOf(settings.get("DROPBRIDGE_SANDBOX_ENABLED"))), "the sandbox is off");
        Object profile = settings.getOrDefault("QUARKUS_PROFILE", "prod");
        assertEquals("prod", profile, "the production profile");
        assertTrue(settings.keySet().stream().noneMatch(key -> key.startsWith("_DEV_") || key.startsWith("_TEST_")), "no dev or test settings: " + settings.keySet());
        for (String url : List.of("PTENGINE_URL", "ENGAGELAB_URL")) {
            assertTrue(String.valueOf(settings.get(url)).startsWith("https://"), url + " is the vendor's: " + settings.get(url));
        }
    }

    private static void itsDropsHoldTogether(List<Map<String, Object>> manifests) {
        Map<String, String> mounted = mountedConfigMaps(manifests);
        Map<String, String> files = new LinkedHashMap<>();
        data(manifests, mounted.get("dropbridge-drops")).forEach((name, yaml) -> files.put("drops/" + name, yaml));
        data(manifests, mounted.get("dropbridge-routes")).forEach((name, yaml) -> files.put("routes/" + name, yaml));
        data(manifests, mounted.get("dropbridge-pipelines")).forEach((name, yaml) -> files.put("pipelines/" + name, yaml));
        assertFalse(drops(manifests).isEmpty(), "the overlay has drops");
        assertTrue(drops(manifests).stream().noneMatch(drop -> "local-drop".equals(drop.get("routeTemplateRef"))),
                "no local-folder drop: the replicas share no folder");
        assertEquals(List.of(), RouteFilesCheck.check(files, new Mappings(List.of(Path.of("routes/mappings")))));
    }

    private static void onlyItsPipelinesCredentials(List<Map<String, Object>> manifests) {
        Set<String> expected = new TreeSet<>();
        for (String pipeline : pipelinesFed(manifests)) {
            assertTrue(CREDENTIALS.containsKey(pipeline), "a known pipeline: " + pipeline);
            expected.addAll(CREDENTIALS.get(pipeline));
        }
        Map<String, Object> container = container(manifests);
        assertTrue(maps(container.getOrDefault("envFrom", List.of())).stream().noneMatch(from -> from.containsKey("secretRef")),
                "no whole Secret in the environment, only named keys");
        Set<String> referenced = new TreeSet<>();
        for (Map<String, Object> env : maps(container.get("env"))) {
            if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") instanceof Map<?, ?> ref) {
                assertEquals("dropbridge-credentials", ref.get("name"));
                assertEquals(env.get("name"), ref.get("key"), "the variable is named like its key");
                referenced.add((String) ref.get("key"));
            }
        }
        assertEquals(expected, referenced, "the credentials of " + pipelinesFed(manifests));
        assertTrue(manifests.stream().noneMatch(m -> "Secret".equals(m.get("kind"))), "no Secret with values in the repository");
    }

    private static void whatItsDropKindsNeed(List<Map<String, Object>> manifests) {
        Map<String, Object> container = container(manifests);
        String image = (String) container.get("image");
        String registry = image.substring(0, Math.max(0, image.indexOf('/')));
        assertTrue(registry.contains(".") || registry.contains(":"), "the image names its registry (images: in the overlay): " + image);
        assertTrue(image.matches(".+:[0-9][^:/]*") || image.contains("@sha256:"), "a version, not latest: " + image);

        Set<Object> kinds = new TreeSet<>();
        drops(manifests).forEach(drop -> kinds.add(drop.get("routeTemplateRef")));
        Map<String, Object> config = config(manifests);
        if (kinds.contains("s3-drop")) {
            assertTrue(String.valueOf(config.get("AWS_REGION")).matches("[a-z]{2}(-[a-z]+)+-[0-9]"), "AWS_REGION: " + config.get("AWS_REGION"));
            Map<String, Object> account = named(manifests, "ServiceAccount", (String) map(map(map(one(manifests, "Deployment"), "spec"), "template"), "spec").get("serviceAccountName"));
            assertTrue(String.valueOf(map(map(account, "metadata"), "annotations").get("eks.amazonaws.com/role-arn")).startsWith("arn:aws:iam::"),
                    "IRSA: the ServiceAccount names the IAM role of the S3 policy");
        }
        if (kinds.contains("sftp-drop")) {
            String volume = maps(map(map(map(one(manifests, "Deployment"), "spec"), "template"), "spec").get("volumes")).stream()
                    .filter(v -> v.get("secret") instanceof Map<?, ?> secret && "dropbridge-sftp".equals(secret.get("secretName")))
                    .map(v -> (String) v.get("name")).findFirst().orElseThrow(() -> new AssertionError("the Secret dropbridge-sftp as a volume"));
            assertTrue(maps(container.get("volumeMounts")).stream().anyMatch(m -> volume.equals(m.get("name")) && "/etc/dropbridge".equals(m.get("mountPath"))),
                    "known_hosts at the default DROPBRIDGE_SFTP_KNOWN_HOSTS_FILE, /etc/dropbridge/known_hosts");
            assertEquals("/etc/dropbridge/id_rsa", config.get("DROPBRIDGE_SFTP_PRIVATE_KEY_FILE"));
        }
    }

    private static Set<String> pipelinesFed(List<Map<String, Object>> manifests) {
        Set<String> pipelines = new TreeSet<>();
        for (Map<String, Object> drop : drops(manifests)) {
            maps(drop.get("parameters")).stream().filter(p -> "pipeline".equals(p.get("name"))).forEach(p -> pipelines.add((String) p.get("value")));
        }
        return pipelines;
    }

    /** The templatedRoutes of the overlay's ConfigMap dropbridge-drops. */
    private static List<Map<String, Object>> drops(List<Map<String, Object>> manifests) {
        List<Map<String, Object>> drops = new ArrayList<>();
        for (String yaml : data(manifests, mountedConfigMaps(manifests).get("dropbridge-drops")).values()) {
            for (Object entry : (List<?>) new Load(LoadSettings.builder().build()).loadFromString(yaml)) {
                drops.add(map(cast(entry), "templatedRoute"));
            }
        }
        return drops;
    }

    /** The ConfigMaps the pods' volumes come from: their name as generated (no hash) to their name as rendered. */
    private static Map<String, String> mountedConfigMaps(List<Map<String, Object>> manifests) {
        Map<String, String> mounted = new TreeMap<>();
        for (Map<String, Object> volume : maps(map(map(map(one(manifests, "Deployment"), "spec"), "template"), "spec").get("volumes"))) {
            if (volume.get("configMap") instanceof Map<?, ?> configMap) {
                String name = (String) configMap.get("name");
                mounted.put(name.replaceFirst("-[a-z0-9]{10}$", ""), name);
            }
        }
        return mounted;
    }

    private static String volumeOf(List<Map<String, Object>> manifests, String configMap) {
        return maps(map(map(map(one(manifests, "Deployment"), "spec"), "template"), "spec").get("volumes")).stream()
                .filter(v -> v.get("configMap") instanceof Map<?, ?> c && configMap.equals(c.get("name")))
                .map(v -> (String) v.get("name")).findFirst().orElseThrow();
    }

    private static Map<String, Object> config(List<Map<String, Object>> manifests) {
        String name = (String) map(maps(container(manifests).get("envFrom")).get(0), "configMapRef").get("name");
        return map(named(manifests, "ConfigMap", name), "data");
    }

    private static Map<String, String> data(List<Map<String, Object>> manifests, String configMap) {
        Map<String, String> data = new TreeMap<>();
        map(named(manifests, "ConfigMap", configMap), "data").forEach((key, value) -> data.put(key, (String) value));
        return data;
    }

    /** The .yaml files of a folder (or the ones named) with their content. */
    private static Map<String, String> files(Path folder, String... names) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                if (names.length == 0 || List.of(names).contains(file.getFileName().toString())) {
                    files.put(file.getFileName().toString(), Files.readString(file));
                }
            }
        }
        return files;
    }

    private static Map<String, Object> container(List<Map<String, Object>> manifests) {
        List<Map<String, Object>> containers = maps(map(map(map(one(manifests, "Deployment"), "spec"), "template"), "spec").get("containers"));
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static void assertRule(Map<String, Object> role, String apiGroup, String resource, List<String> verbs) {
        assertTrue(maps(role.get("rules")).stream().anyMatch(rule -> ((List<?>) rule.get("apiGroups")).contains(apiGroup)
                && ((List<?>) rule.get("resources")).contains(resource) && ((List<?>) rule.get("verbs")).containsAll(verbs)),
                "the Role allows " + verbs + " on " + resource + ": " + role.get("rules"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** {@code kubectl kustomize <directory>}, with no flag: what {@code kubectl apply -k} renders. */
    private static List<Map<String, Object>> kustomize(Path directory) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(KUBECTL, "kustomize", directory.toString()).redirectErrorStream(true).start();
        } catch (IOException notFound) {
            throw new AssertionError("kubectl is needed to render k8s/ (kubectl kustomize) and was not found on the PATH: " + notFound.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "kubectl kustomize " + directory + ":\n" + output);
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(output)) {
            if (document != null) {
                manifests.add(cast(document));
            }
        }
        return manifests;
    }

    private static Map<String, Object> one(List<Map<String, Object>> manifests, String kind) {
        List<Map<String, Object>> found = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private static Map<String, Object> named(List<Map<String, Object>> manifests, String kind, String name) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind")) && name.equals(map(m, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertTrue(parent.get(key) instanceof Map, key + " in " + parent.keySet());
        return cast(parent.get(key));
    }

    private static List<Map<String, Object>> maps(Object list) {
        return ((List<?>) list).stream().map(ManifestsTest::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
