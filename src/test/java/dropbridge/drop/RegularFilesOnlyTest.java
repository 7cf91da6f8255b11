package dropbridge.drop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegularFilesOnlyTest {

    @TempDir
    Path drop;
    @TempDir
    Path elsewhere;

    private final RegularFilesOnly filter = new RegularFilesOnly();

    @Test
    void onlyRegularFilesAreAccepted() throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.csv"), "user_id\n1\n");
        Path file = Files.writeString(drop.resolve("users.csv"), "user_id\n1\n");
        Path link = Files.createSymbolicLink(drop.resolve("link.csv"), secret);
        Path dangling = Files.createSymbolicLink(drop.resolve("dangling.csv"), elsewhere.resolve("gone.csv"));
        Path folder = Files.createDirectory(drop.resolve("folder.csv"));
        Path hidden = Files.writeString(drop.resolve(".users.csv"), "user_id\n1\n");

        assertTrue(filter.accept(file));
        assertFalse(filter.accept(link));
        assertFalse(filter.accept(dangling));
        assertFalse(filter.accept(folder));
        assertFalse(filter.accept(hidden));
        assertEquals("symbolic link", RegularFilesOnly.describe(link));
        assertEquals("symbolic link", RegularFilesOnly.describe(dangling));
        assertEquals("directory", RegularFilesOnly.describe(folder));
        assertEquals("hidden file", RegularFilesOnly.describe(hidden));
        assertEquals("regular file", RegularFilesOnly.describe(file));
    }

    @Test
    void aFifoIsNeverOpened() throws Exception {
        Path fifo = drop.resolve("pipe.csv");
        assumeTrue(makeFifo(fifo), "mkfifo is not available");

        assertFalse(filter.accept(fifo));
        assertEquals("FIFO or device", RegularFilesOnly.describe(fifo));
    }

    @Test
    void eachRejectedEntryIsReportedOnce() throws IOException {
        Path link = Files.createSymbolicLink(drop.resolve("link.csv"), Files.createFile(elsewhere.resolve("secret.csv")));
        Path file = Files.createFile(drop.resolve("users.csv"));

        assertEquals(Optional.of("symbolic link"), filter.rejectionToReport(link));
        assertEquals(Optional.empty(), filter.rejectionToReport(link));
        assertEquals(Optional.empty(), filter.rejectionToReport(file));
    }

    @Test
    void theLeastRecentlySeenEntriesAreForgottenFirst() throws IOException {
        RegularFilesOnly rememberingTwo = new RegularFilesOnly(2);
        Path a = Files.createDirectory(drop.resolve("a"));
        Path b = Files.createDirectory(drop.resolve("b"));
        Path c = Files.createDirectory(drop.resolve("c"));

        rememberingTwo.rejectionToReport(a);
        rememberingTwo.rejectionToReport(b);
        rememberingTwo.rejectionToReport(a);
        rememberingTwo.rejectionToReport(c);

        assertEquals(Optional.empty(), rememberingTwo.rejectionToReport(a), "seen again at the last poll: still remembered");
        assertEquals(Optional.of("directory"), rememberingTwo.rejectionToReport(b), "forgotten, so reported again");
    }

    private static boolean makeFifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException noMkfifo) {
            return false;
        }
    }
}
