package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitMoved;
import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.Drops.skippedLines;
import static dropbridge.pipeline.Drops.successLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.sandbox.PtengineSandbox;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A team's own export delivered through its drop's mapping, against the Ptengine simulator over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class ShapedExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The drop test-crm-drop: mapping crm-profiles (routes/mappings/crm-profiles.yaml). */
    private static final String CRM_DROP = "crm";
    private static final String PIPELINE = "ptengine-profiles";

    @Inject
    Sandbox sandbox;

    @Inject
    MeterRegistry metrics;

    PtengineSandbox ptengine;

    @BeforeEach
    void resetPeer() {
        ptengine = sandbox.ptengine();
        ptengine.reset();
    }

    @Test
    void theCrmExportReachesThePeerAsItsMappingSays() throws Exception {
        double skippedBefore = skippedCount();
        drop(CRM_DROP, "crm-export.csv", Files.readAllBytes(Path.of("samples/crm/crm-export.csv")));

        JsonNode report = awaitReport(CRM_DROP, "crm-export.csv");

        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(8, report.at("/records/read").asInt());
        assertEquals(6, report.at("/records/succeeded").asInt());
        assertEquals(2, report.at("/records/skipped").asInt());
        assertEquals(0, report.at("/records/failed").asInt());
        assertEquals(".done", awaitMoved(CRM_DROP, "crm-export.csv"));
        assertEquals(2, skippedCount() - skippedBefore, "/q/metrics counts the skipped records");

        List<String> sentRows = new ArrayList<>();
        for (SandboxRequest request : ptengine.journal().requests()) {
            JsonNode body = JSON.readTree(request.body());
            List<String> names = new ArrayList<>();
            body.get("field_name").forEach(name -> names.add(name.asText()));
            assertTrue(Set.of("user_id", "email", "plan", "source").containsAll(names), "only mapped attributes and the constant: " + names);
            for (JsonNode row : body.get("values")) {
                assertEquals("crm", row.get(names.indexOf("source")).asText(), "the constant is on every row");
                row.forEach(value -> assertFalse(value.asText().isEmpty(), "no empty value is sent: " + body));
                sentRows.add(row.get(names.indexOf("user_id")).asText());
            }
        }
        assertEquals(List.of("c-1001", "c-1001", "c-1003", "c-1004", "c-1005", "c-1007"), sentRows.stream().sorted().toList(),
                "the free plans are not sent");
        assertEquals(Map.of("user_id", "c-1003", "email", "wang.fang@example.cn", "source", "crm"), ptengine.user("c-1003").orElseThrow(),
                "an empty Plan is left out, not sent as \"\"");
        assertEquals("enterprise", ptengine.user("c-1001").orElseThrow().get("plan"), "the last row of a user wins");

        List<JsonNode> skipped = skippedLines(CRM_DROP, "crm-export.csv");
        assertEquals(List.of("{\"source\":\"crm-export.csv\",\"line\":3,\"recordNumber\":2,\"reason\":\"free plan\"}",
                "{\"source\":\"crm-export.csv\",\"line\":7,\"recordNumber\":6,\"reason\":\"free plan\"}"), skipped.stream().map(JsonNode::toString).toList());
    }

    @Test
    void anExcelExportInGbkWithSemicolonsReachesThePeerAsWritten() {
        String csv = "user_id;name;city\ng-1;李伟;杭州\ng-2;张敏;北京市朝阳区\n";
        drop("gbk", "excel.csv", csv.getBytes(Charset.forName("GBK")));

        JsonNode report = awaitReport("gbk", "excel.csv");

        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(Map.of("user_id", "g-1", "name", "李伟", "city", "杭州"), ptengine.user("g-1").orElseThrow());
        assertEquals(Map.of("user_id", "g-2", "name", "张敏", "city", "北京市朝阳区"), ptengine.user("g-2").orElseThrow());
    }

    @Test
    void aUnicodeTextExportIsReadByItsByteOrderMarkWithTabs() {
        byte[] text = "user_id\tname\nt-1\t王芳\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[text.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withMark, 2, text.length);
        drop("tabs", "unicode.csv", withMark);

        JsonNode report = awaitReport("tabs", "unicode.csv");

        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(Map.of("user_id", "t-1", "name", "王芳"), ptengine.user("t-1").orElseThrow());
    }

    @Test
    void aGbkFileInAUtf8DropFailsBeforeAnyRequestSayingWhatToSet() {
        drop(PIPELINE, "gbk-in-utf8.csv", "user_id,name\nx-1,李伟\n".getBytes(Charset.forName("GBK")));

        JsonNode report = awaitReport(PIPELINE, "gbk-in-utf8.csv");

        assertEquals("FAILED", report.path("status").asText());
        assertTrue(report.path("reason").asText().contains("encoding: GBK"), report.toString());
        assertEquals(".failed", awaitMoved(PIPELINE, "gbk-in-utf8.csv"));
        assertEquals(0, ptengine.journal().count(), "no request is made");
    }

    @Test
    void spacesAroundHeaderNamesAreTrimmed() {
        drop(PIPELINE, "spaced-header.csv", "user_id , name , plan\ns-1,Li,pro\n");

        JsonNode report = awaitReport(PIPELINE, "spaced-header.csv");

        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(Map.of("user_id", "s-1", "name", "Li", "plan", "pro"), ptengine.user("s-1").orElseThrow());
    }

    @Test
    void aPrettyPrintedJsonArrayIsOneRecordPerObject() {
        drop(PIPELINE, "users.json", "[\n  {\"user_id\": \"j-1\", \"plan\": \"pro\"},\n  {\n    \"user_id\": \"j-2\",\n    \"plan\": \"free\"\n  }\n]\n");

        JsonNode report = awaitReport(PIPELINE, "users.json");

        assertEquals("COMPLETED", report.path("status").asText(), report.toString());
        assertEquals(2, report.at("/records/succeeded").asInt());
        assertEquals(List.of(2L, 3L), successLines(PIPELINE, "users.json").stream().map(line -> line.get("line").asLong()).sorted().toList(),
                "each object's line is the line where it starts");
        assertEquals("free", ptengine.user("j-2").orElseThrow().get("plan"));
    }

    /**
     * Rows of one user close together, with a peer that fails a third of the requests once or more
     * (retried): what the peer holds at the end is what a client sending the rows one by one, in
     * file order, would have left.
     */
    @Test
    void theLastRowOfAUserWinsWhateverTheRetries() {
        ptengine.faults().answerNext(2, 503, "{\"msg\":\"Service Unavailable\"}");
        ptengine.faults().failureRate(0.3);
        ptengine.faults().latencyMs(3);
        StringBuilder csv = new StringBuilder("Customer ID,Email Address,Plan\n");
        int rows = 1200;
        for (int i = 0; i < rows; i++) {
            csv.append("u-").append(i / 4 % 150).append(",row").append(i).append("@example.cn,plan-").append(i).append('\n');
        }
        drop(CRM_DROP, "repeated-users.csv", csv.toString());

        JsonNode report = awaitReport(CRM_DROP, "repeated-users.csv");

        assertEquals(rows, report.at("/records/read").asInt());
        assertTrue(report.path("retries").asInt() > 0, "the peer's faults were retried: " + report);
        Map<Long, JsonNode> deliveredByLine = new HashMap<>();
        successLines(CRM_DROP, "repeated-users.csv").forEach(line -> deliveredByLine.put(line.get("line").asLong(), line));
        assertTrue(deliveredByLine.size() > rows / 2, "most rows are delivered: " + report);
        Map<String, String> rowByRow = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            if (deliveredByLine.containsKey(i + 2L)) {
                rowByRow.put("u-" + (i / 4 % 150), "plan-" + i);
            }
        }
        Set<String> wrong = new HashSet<>();
        rowByRow.forEach((user, plan) -> {
            if (!plan.equals(ptengine.user(user).orElseThrow().get("plan"))) {
                wrong.add(user + ": peer " + ptengine.user(user).orElseThrow().get("plan") + ", row by row " + plan);
            }
        });
        assertEquals(Set.of(), wrong);
    }

    private double skippedCount() {
        return metrics.counter("dropbridge.records", "pipeline", PIPELINE, "outcome", "skipped").count();
    }
}
