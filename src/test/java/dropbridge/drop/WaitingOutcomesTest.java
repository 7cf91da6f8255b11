package dropbridge.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropbridge.MovingClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitingOutcomesTest {

    @TempDir
    Path work;

    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void keptOutcomesOutliveTheRunFolderAndTheProcess() throws IOException {
        Path run = run("users.csv", "{\"line\":2}\n");
        WaitingOutcomes waiting = outcomes();

        WaitingOutcomes.Waiting kept = waiting.keep("team-drop", "users.csv", outcomesOf(run, "users.csv"));
        deleteTree(run);

        WaitingOutcomes afterRestart = outcomes();
        assertEquals(1, afterRestart.count());
        WaitingOutcomes.Waiting found = afterRestart.due().get(0);
        assertEquals(kept.folder(), found.folder());
        assertEquals("team-drop", found.drop());
        assertEquals(List.of("results/success/users.csv.jsonl", "results/reports/users.csv.json"),
                found.outcomes().stream().map(WaitingOutcomes.Outcome::name).toList());
        assertEquals(List.of("successSink", "reportSink"), found.outcomes().stream().map(WaitingOutcomes.Outcome::sink).toList());
        assertEquals("{\"line\":2}\n", Files.readString(found.outcomes().get(0).file()));
        assertFalse(Files.readString(found.folder().resolve("outcomes.json")).contains("://"), "no sink URI is written down");
    }

    @Test
    void eachRefusalDoublesTheDelayUpToTheMaximum() throws IOException {
        WaitingOutcomes waiting = outcomes();
        WaitingOutcomes.Waiting kept = waiting.keep("team-drop", "users.csv", outcomesOf(run("users.csv", "{}\n"), "users.csv"));

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                List.of(waiting.failed(kept), waiting.failed(kept), waiting.failed(kept), waiting.failed(kept), waiting.failed(kept)));
        assertTrue(waiting.due().isEmpty());
        clock.advance(Duration.ofMillis(4999));
        assertTrue(waiting.due().isEmpty());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, waiting.due().size());
        assertEquals(5, waiting.failures(kept));
    }

    @Test
    void aLaterDeliveryOfTheSameFileReplacesTheOutcomesThatWaitAndOthersStay() throws IOException {
        WaitingOutcomes waiting = outcomes();
        WaitingOutcomes.Waiting first = waiting.keep("team-drop", "users.csv", outcomesOf(run("users.csv", "first\n"), "users.csv"));
        clock.advance(Duration.ofSeconds(1));
        waiting.keep("team-drop", "other.csv", outcomesOf(run("other.csv", "other\n"), "other.csv"));
        clock.advance(Duration.ofSeconds(1));
        waiting.keep("team-drop", "users.csv", outcomesOf(run("users.csv", "second\n"), "users.csv"));
        clock.advance(Duration.ofSeconds(1));
        waiting.keep("other-drop", "users.csv", outcomesOf(run("users.csv", "other drop\n"), "users.csv"));

        assertFalse(Files.exists(first.folder()));
        List<WaitingOutcomes.Waiting> due = waiting.due();
        assertEquals(List.of("team-drop other.csv", "team-drop users.csv", "other-drop users.csv"),
                due.stream().map(w -> w.drop() + " " + w.source()).toList(), "kept first, first");
        assertEquals("second\n", Files.readString(due.get(1).outcomes().get(0).file()));
        assertTrue(waiting.holds("team-drop", "users.csv"));

        waiting.shipped(due.get(1));
        assertFalse(waiting.holds("team-drop", "users.csv"));
        assertTrue(waiting.holds("other-drop", "users.csv"));
        assertEquals(2, waiting.count());
        assertFalse(Files.exists(due.get(1).folder().getParent()), "the file's folder goes with its last entry");
    }

    private WaitingOutcomes outcomes() {
        return new WaitingOutcomes(work, clock, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    private Path run(String name, String success) throws IOException {
        Path run = Files.createTempDirectory(work, "run-");
        Files.createDirectories(run.resolve("success"));
        Files.createDirectories(run.resolve("reports"));
        Files.writeString(run.resolve("success").resolve(name + ".jsonl"), success);
        Files.writeString(run.resolve("reports").resolve(name + ".json"), "{\"status\":\"COMPLETED\"}");
        return run;
    }

    private static List<WaitingOutcomes.Outcome> outcomesOf(Path run, String name) {
        return List.of(
                new WaitingOutcomes.Outcome(run.resolve("success").resolve(name + ".jsonl"), "results/success/" + name + ".jsonl", "successSink"),
                new WaitingOutcomes.Outcome(run.resolve("reports").resolve(name + ".json"), "results/reports/" + name + ".json", "reportSink"));
    }

    private static void deleteTree(Path folder) {
        dropbridge.delivery.RunFolder.deleteTree(folder);
    }
}
