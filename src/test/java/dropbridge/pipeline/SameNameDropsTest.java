package dropbridge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Two drops of one pipeline (test-team-a-drop and test-team-b-drop in test-drops.yaml) get a
 * {@code users.csv} at the same moment: each drop's sinks hold exactly its own records.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class SameNameDropsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 3000;

    @Inject
    Sandbox sandbox;

    @Test
    void twoRunsNeverShareAnOutcomeFile() throws Exception {
        sandbox.ptengine().reset();
        Path data = Drops.dataDir();
        Path stagedA = stage(data, "a", "team-a-user-");
        Path stagedB = stage(data, "b", "team-b-user-");
        Files.createDirectories(data.resolve("inbox/team-a"));
        Files.createDirectories(data.resolve("inbox/team-b"));
        Files.move(stagedA, data.resolve("inbox/team-a/users.csv"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(stagedB, data.resolve("inbox/team-b/users.csv"), StandardCopyOption.ATOMIC_MOVE);

        Path reportA = data.resolve("outbox/team-a/reports/users.csv.json");
        Path reportB = data.resolve("outbox/team-b/reports/users.csv.json");
        Drops.awaitFinalReport(reportA);
        Drops.awaitFinalReport(reportB);

        assertOwnRecordsOnly(data.resolve("outbox/team-a/success/users.csv.jsonl"), "team-a-user-", "team-a-user-bad");
        assertOwnRecordsOnly(data.resolve("outbox/team-b/success/users.csv.jsonl"), "team-b-user-", "team-b-user-bad");
        assertEquals(1, Files.readAllLines(data.resolve("outbox/team-a/error/users.csv.jsonl")).size());
        assertEquals(1, Files.readAllLines(data.resolve("outbox/team-b-errors/error/users.csv.jsonl")).size(),
                "team b's errors go to its own error sink");
        assertFalse(Files.exists(data.resolve("outbox/team-b/error/users.csv.jsonl")));
        for (Path report : new Path[] {reportA, reportB}) {
            JsonNode records = JSON.readTree(report.toFile()).get("records");
            assertEquals(ROWS + 1, records.get("read").asInt());
            assertEquals(ROWS, records.get("succeeded").asInt());
        }
    }

    /** Writes the team's file beside the drops: ROWS users and one row without a user_id. */
    private static Path stage(Path data, String team, String prefix) throws IOException {
        StringBuilder csv = new StringBuilder("user_id,plan\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(prefix).append(i).append(",gold\n");
        }
        csv.append(",no-id\n");
        Path staged = data.resolve("staging-" + team + ".tmp");
        Files.writeString(staged, csv, StandardCharsets.UTF_8);
        return staged;
    }

    private static void assertOwnRecordsOnly(Path successFile, String prefix, String unexpected) throws IOException {
        String content = Files.readString(successFile, StandardCharsets.UTF_8);
        assertFalse(content.indexOf('\0') >= 0, "no NUL bytes in " + successFile);
        Set<String> ids = new TreeSet<>();
        for (String line : content.split("\n")) {
            String id = JSON.readTree(line).get("user_id").asText();
            assertTrue(id.startsWith(prefix), successFile + " holds " + id);
            ids.add(id);
        }
        assertEquals(ROWS, ids.size(), "each of the drop's users once in " + successFile);
        assertFalse(ids.contains(unexpected));
    }
}
