package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every metric the Grafana dashboard and the alert rules of k8s/ops use exists at /q/metrics of the running application. */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class OpsKitMetricsTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:dropbridge|camel)_[a-z_]+)\\b");

    @Test
    void everyMetricOfTheDashboardAndTheRulesExists() throws IOException {
        // the counters appear with the first file that ends
        drop("ptengine-profiles", "ops-kit.csv", "user_id\nops-1\n");
        awaitReport("ptengine-profiles", "ops-kit.csv");
        String metrics = ProgressReportTest.metrics();

        List<String> expressions = new ArrayList<>(dashboardExpressions());
        int panelExpressions = expressions.size();
        expressions.addAll(ruleExpressions());
        assertTrue(panelExpressions >= 8 && expressions.size() > panelExpressions, expressions.toString());

        Set<String> used = new TreeSet<>();
        for (String expression : expressions) {
            Matcher names = METRIC.matcher(expression);
            while (names.find()) {
                used.add(names.group(1));
            }
        }
        Set<String> missing = new TreeSet<>();
        for (String name : used) {
            if (metrics.lines().noneMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "))) {
                missing.add(name);
            }
        }
        assertTrue(used.containsAll(Set.of("dropbridge_drop_up", "dropbridge_files_total", "dropbridge_records_total",
                "dropbridge_api_calls_total", "dropbridge_api_retries_total", "dropbridge_files_in_progress")), used.toString());
        assertEquals(Set.of(), missing, "used by k8s/ops but not at /q/metrics");
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(Path.of("k8s/ops/dashboard.json").toFile()).path("panels")) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        return expressions;
    }

    private static List<String> ruleExpressions() throws IOException {
        Map<?, ?> rule = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of("k8s/ops/prometheus-rule.yaml")));
        List<String> expressions = new ArrayList<>();
        for (Object group : (List<?>) ((Map<?, ?>) rule.get("spec")).get("groups")) {
            for (Object entry : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add(String.valueOf(((Map<?, ?>) entry).get("expr")));
            }
        }
        return expressions;
    }
}
