package dropbridge.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.sandbox.PtengineSandbox;
import dropbridge.sandbox.Sandbox;
import dropbridge.sandbox.SandboxRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A local drop whose {@code .done} is a plain file (test-unmovable-drop in test-drops.yaml): the
 * delivered file cannot be moved there. It stays in the folder, its run stays settled, and it is
 * never read or sent again; once {@code .done} can take it, it is moved and its run's folder goes.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class UnmovableFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DROP = "test-unmovable-drop";
    private static final int USERS = 50;

    @Inject
    Sandbox sandbox;

    @Test
    void aFileWhoseMoveToDoneFailsIsNeverSentAgain() throws Exception {
        PtengineSandbox ptengine = sandbox.ptengine();
        ptengine.reset();
        Path inbox = Drops.dataDir().resolve("inbox/unmovable");
        Files.createDirectories(inbox);
        Path done = inbox.resolve(".done");
        String file = "unmovable.csv";
        Path staged = Drops.dataDir().resolve(file + ".tmp");
        Files.writeString(staged, "user_id,plan\n" + IntStream.rangeClosed(1, USERS).mapToObj(i -> "unmovable-" + i + ",gold\n")
                .collect(Collectors.joining()));
        try (LogCount log = LogCount.start()) {
            Files.writeString(done, "not a folder");
            Files.move(staged, inbox.resolve(file), StandardCopyOption.ATOMIC_MOVE);

            JsonNode report = Drops.awaitFinalReport(Drops.outbox("unmovable").resolve("reports").resolve(file + ".json"));
            assertEquals("COMPLETED", report.path("status").asText(), report.toString());
            // 30 polls of the drop (every 100 ms in the test profile) with the file still there
            Thread.sleep(3000);

            assertTrue(Files.exists(inbox.resolve(file)), "the file could not be moved and stays");
            // one request of 50 users, and again for each retry (a slow first answer may time out)
            Map<String, Integer> sentOnce = eachUser(report.path("apiCalls").asInt());
            assertEquals(sentOnce, received(ptengine), "every user reached the API with the file's one delivery, not again");
            assertTrue(Files.exists(StagedRuns.folder(DROP, file).resolve("reports").resolve(file + ".json")),
                    "the run's folder keeps its final report, so the file is known as delivered");
            long delivering = log.lines().stream().filter(line -> line.contains("delivering " + file)).count();
            assertEquals(1, delivering, "read once: " + log.lines());
            assertEquals(1, log.warnings().stream().filter(line -> line.contains(".done is a") && line.contains("not a folder")).count(),
                    "the plain file .done is named for what it is, once: " + log.warnings());

            Files.delete(done);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done.resolve(file)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(StagedRuns.folder(DROP, file)));
            assertEquals(sentOnce, received(ptengine), "nothing sent when the file was finally moved");
            assertEquals(USERS, Drops.lines(Drops.outbox("unmovable").resolve("success").resolve(file + ".jsonl")).size());
        }
    }

    private static Map<String, Integer> eachUser(int times) {
        Map<String, Integer> each = new TreeMap<>();
        IntStream.rangeClosed(1, USERS).forEach(i -> each.put("unmovable-" + i, times));
        return each;
    }

    /** How many times each user of this test reached the peer. */
    private static Map<String, Integer> received(PtengineSandbox ptengine) throws IOException {
        Map<String, Integer> received = new TreeMap<>();
        for (SandboxRequest request : ptengine.journal().requests()) {
            JsonNode body = JSON.readTree(request.body());
            int userId = -1;
            for (int i = 0; i < body.path("field_name").size(); i++) {
                if ("user_id".equals(body.path("field_name").get(i).asText())) {
                    userId = i;
                }
            }
            for (JsonNode row : body.path("values")) {
                if (row.get(userId).asText().startsWith("unmovable-")) {
                    received.merge(row.get(userId).asText(), 1, Integer::sum);
                }
            }
        }
        return received;
    }
}
