package dropbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropbridge.mapping.Mappings;
import dropbridge.routes.RouteFilesCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The manifests as {@code kubectl kustomize k8s} renders them: several replicas that share the
 * drops through Leases (RBAC for them, a disruption budget, the cluster service configured), probes
 * on /q/health, S3 and SFTP drops that hold together with the routes, and the ops component still
 * renders on top.
 */
class ManifestsTest {

    private static final String KUBECTL = "kubectl";

    @Test
    void twoReplicasShareTheDropsThroughLeases() throws Exception {
        List<Map<String, Object>> manifests = kustomize(Path.of("k8s"));

        Map<String, Object> deployment = one(manifests, "Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        assertTrue(((Number) spec.get("replicas")).intValue() >= 2, "replicas: " + spec.get("replicas"));
        assertEquals("RollingUpdate", map(spec, "strategy").get("type"));
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        Map<String, Object> container = maps(pod.get("containers")).get(0);
        assertEquals("/q/health/live", map(map(container, "livenessProbe"), "httpGet").get("path"));
        // ready = able to lead or stand by, not every drop's state: only ready pods may hold a Lease
        assertEquals("/q/health/group/cluster", map(map(container, "readinessProbe"), "httpGet").get("path"));
        assertTrue(maps(container.get("env")).stream().anyMatch(env -> "POD_NAME".equals(env.get("name"))
                && "metadata.name".equals(map(map(env, "valueFrom"), "fieldRef").get("fieldPath"))), "POD_NAME from the pod's name");

        String serviceAccount = (String) pod.get("serviceAccountName");
        assertEquals(serviceAccount, map(named(manifests, "ServiceAccount", serviceAccount), "metadata").get("name"));
        Map<String, Object> binding = one(manifests, "RoleBinding");
        assertTrue(maps(binding.get("subjects")).stream().anyMatch(s -> serviceAccount.equals(s.get("name"))));
        Map<String, Object> role = named(manifests, "Role", (String) map(binding, "roleRef").get("name"));
        assertRule(role, "coordination.k8s.io", "leases", List.of("get", "list", "create", "update"));
        assertRule(role, "", "pods", List.of("get", "list"));

        Map<String, Object> budget = one(manifests, "PodDisruptionBudget");
        assertEquals(map(map(spec, "selector"), "matchLabels"), map(map(budget, "spec"), "selector").get("matchLabels"));
        assertEquals(1, map(budget, "spec").get("minAvailable"));

        Map<String, Object> config = map(named(manifests, "ConfigMap", "dropbridge-config"), "data");
        assertEquals("kubernetes", config.get("DROPBRIDGE_CLUSTER_SERVICE"));
        String selector = (String) config.get("DROPBRIDGE_CLUSTER_POD_SELECTOR");
        Map<String, Object> podLabels = map(map(map(spec, "template"), "metadata"), "labels");
        for (String pair : selector.split(",")) {
            String[] label = pair.split("=", 2);
            assertEquals(label[1], podLabels.get(label[0]), "the pods carry the cluster's selector " + selector);
        }
    }

    @Test
    void theDeploymentsDropsAreS3AndSftpAndHoldTogetherWithTheRoutes() throws Exception {
        List<Map<String, Object>> manifests = kustomize(Path.of("k8s"));
        Map<String, Object> drops = manifests.stream().filter(m -> "ConfigMap".equals(m.get("kind")))
                .filter(m -> String.valueOf(map(m, "metadata").get("name")).startsWith("dropbridge-drops")).findFirst().orElseThrow();
        String yaml = (String) map(drops, "data").get("drops.yaml");

        assertFalse(yaml.contains("routeTemplateRef: local-drop"), "no local-folder drop: the replicas share no folder");
        assertTrue(yaml.contains("routeTemplateRef: s3-drop") && yaml.contains("routeTemplateRef: sftp-drop"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("k8s/drops.yaml", yaml);
        for (String shared : List.of("routes/drop-kinds.yaml", "routes/delivery.yaml")) {
            files.put(shared, Files.readString(Path.of(shared)));
        }
        try (Stream<Path> pipelines = Files.list(Path.of("routes/pipelines"))) {
            for (Path pipeline : pipelines.sorted().toList()) {
                files.put(pipeline.toString(), Files.readString(pipeline));
            }
        }
        assertEquals(List.of(), RouteFilesCheck.check(files, new Mappings(List.of(Path.of("routes/mappings")))));
    }

    @Test
    void theOpsComponentStillRendersOnTop() throws Exception {
        Path overlay = Files.createDirectories(Path.of("target", "kustomize-overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources: [../../k8s]\ncomponents: [../../k8s/ops]\n");

        List<Map<String, Object>> manifests = kustomize(overlay);

        assertNotNull(one(manifests, "PrometheusRule"));
        assertNotNull(one(manifests, "ServiceMonitor"));
        assertNotNull(one(manifests, "Deployment"));
    }

    private static void assertRule(Map<String, Object> role, String apiGroup, String resource, List<String> verbs) {
        assertTrue(maps(role.get("rules")).stream().anyMatch(rule -> ((List<?>) rule.get("apiGroups")).contains(apiGroup)
                && ((List<?>) rule.get("resources")).contains(resource) && ((List<?>) rule.get("verbs")).containsAll(verbs)),
                "the Role allows " + verbs + " on " + resource + ": " + role.get("rules"));
    }

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
