package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitMoved;
import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static dropbridge.pipeline.Drops.errorLines;
import static dropbridge.pipeline.Drops.successLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dropbridge.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files nobody should send, through the running application: each ends with a report in which
 * read = succeeded + failed = the outcome lines written, the drop settles it, no warning carries
 * a stack trace, and the next file is delivered as usual.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class HostileInputTest {

    private static final String PTENGINE = "ptengine-profiles";
    private static final String ENGAGELAB = "engagelab-profile-query";

    @Inject
    Sandbox sandbox;

    static Stream<Arguments> hostileFiles() {
        return Stream.of(
                Arguments.of(PTENGINE, "empty.csv", new byte[0], "FAILED"),
                Arguments.of(PTENGINE, "header-only.csv", utf8("user_id,plan\n"), "COMPLETED"),
                Arguments.of(PTENGINE, "binary.csv", random(50_000), "FAILED"),
                Arguments.of(PTENGINE, "utf16-bom.csv", "\uFEFFuser_id,plan\nu-1,gold\n".getBytes(StandardCharsets.UTF_16LE), "COMPLETED"),
                Arguments.of(PTENGINE, "utf16-no-bom.csv", "user_id,plan\nu-1,gold\n".getBytes(StandardCharsets.UTF_16LE), "FAILED"),
                Arguments.of(PTENGINE, "duplicate-header.csv", utf8("user_id,plan,plan\nu-1,a,b\n"), "FAILED"),
                Arguments.of(PTENGINE, "10000-columns.csv", utf8(columns(10_000)), "COMPLETED_WITH_ERRORS"),
                Arguments.of(PTENGINE, "nested.jsonl", utf8("{\"user_id\":\"u-1\",\"n\":" + "[".repeat(100_000) + "\n{\"user_id\":\"u-2\"}\n"),
                        "COMPLETED_WITH_ERRORS"),
                Arguments.of(PTENGINE, "long-line.jsonl", utf8("{\"user_id\":\"u-1\",\"n\":\"" + "x".repeat(2_000_000) + "\"}\n{\"user_id\":\"u-2\"}\n"),
                        "COMPLETED_WITH_ERRORS"),
                Arguments.of(PTENGINE, "bad-byte.csv", badByteOnLine(5001), "FAILED"),
                Arguments.of(PTENGINE, "open-quote.csv", utf8("user_id,plan\nu-1,gold\nu-2,\"never closed\nu-3,free\n"), "FAILED"),
                Arguments.of(ENGAGELAB, "long-euid.txt", utf8("12\n" + "9".repeat(900_000) + "\n34\n"), "COMPLETED_WITH_ERRORS"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hostileFiles")
    void everyRecordHasAnOutcomeAndNothingCrashes(String pipeline, String file, byte[] content, String status) {
        sandbox.ptengine().reset();
        try (LogCount log = LogCount.start()) {
            drop(pipeline, file, content);
            JsonNode report = awaitReport(pipeline, file);

            assertEquals(status, report.get("status").asText(), report.toString());
            JsonNode records = report.get("records");
            long read = records.get("read").asLong();
            assertEquals(read, records.get("succeeded").asLong() + records.get("failed").asLong(), report.toString());
            assertEquals(read, successLines(pipeline, file).size() + errorLines(pipeline, file).size(), "outcome lines");
            awaitMoved(pipeline, file);
            // the test routes' SFTP drop with an unknown host key fails every poll on purpose
            assertEquals(List.of(), log.thrown().stream().filter(line -> !line.contains("SftpConsumer")).toList(),
                    "no stack trace in the log");
        }
        drop(PTENGINE, "after-" + file + ".csv", "user_id\nafter-1\n");
        PtenginePipelineTest.assertCounts(awaitReport(PTENGINE, "after-" + file + ".csv"), 1, 1, 0);
    }

    @org.junit.jupiter.api.Test
    void aBadByteStopsReadingAtItsLineAndKeepsEveryRecordBefore() {
        drop(PTENGINE, "stop-line.csv", badByteOnLine(5001));
        JsonNode report = awaitReport(PTENGINE, "stop-line.csv");

        assertEquals(5000, report.at("/records/read").asInt(), "4,999 rows and the unreadable rest: " + report);
        assertEquals(4999, report.at("/records/succeeded").asInt());
        assertTrue(report.get("reason").asText().contains("past line 5000"), report.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static String columns(int count) {
        StringBuilder csv = new StringBuilder("user_id");
        for (int i = 1; i < count; i++) {
            csv.append(",c").append(i);
        }
        csv.append("\nu-1");
        csv.append(",v".repeat(count - 1));
        return csv.append('\n').toString();
    }

    /** A CSV whose line {@code line} holds a byte that is not UTF-8; every line before it is a valid row. */
    private static byte[] badByteOnLine(int line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("user_id,plan\n"));
        for (int i = 2; i < line; i++) {
            out.writeBytes(utf8("row-" + i + ",gold\n"));
        }
        out.writeBytes(new byte[] {'x', (byte) 0xE9, '\n'});
        out.writeBytes(utf8("after,gold\n"));
        return out.toByteArray();
    }
}
