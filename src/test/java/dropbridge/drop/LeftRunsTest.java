package dropbridge.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftRunsTest {

    @TempDir
    Path drop;
    @TempDir
    Path work;

    @Test
    void onlyTheRunsOfFilesGoneFromTheDropAreRemoved() throws IOException {
        Files.writeString(drop.resolve("still-here.csv"), "user_id\n1\n");
        // a hidden name is staged under a safe name (OutcomeName): its run is found by that name
        Files.writeString(drop.resolve(".hidden.csv"), "user_id\n1\n");
        Path kept = run("still-here.csv");
        Path keptHidden = run("_.hidden.csv");
        Path gone = run("moved-before-the-kill.csv");

        List<String> removed = LeftRuns.removeGone(work, drop);

        assertEquals(List.of("moved-before-the-kill.csv"), removed);
        assertFalse(Files.exists(gone));
        assertTrue(Files.exists(kept.resolve("reports/report.json")));
        assertTrue(Files.exists(keptHidden));
    }

    @Test
    void nothingIsRemovedWhileTheDropFolderIsMissing() throws IOException {
        assertEquals(List.of(), LeftRuns.removeGone(work.resolve("no-runs-yet"), drop));
        Path run = run("a.csv");
        assertEquals(List.of(), LeftRuns.removeGone(work, drop.resolve("not-mounted")));
        assertTrue(Files.exists(run));
    }

    private Path run(String name) throws IOException {
        Path run = Files.createDirectories(work.resolve(name).resolve("reports"));
        Files.writeString(run.resolve("report.json"), "{\"status\":\"COMPLETED\"}");
        Files.writeString(work.resolve(name).resolve("source.version"), "size 10, modified 1");
        return work.resolve(name);
    }
}
