package dropbridge.drop;

import dropbridge.delivery.OutcomeName;
import dropbridge.delivery.RunFolder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run folders a local drop left under its work folder ({@code <work-dir>/<drop route>/<file>/})
 * for files that are no longer in the drop folder: a process stopped after its drop moved the file
 * to {@code .done/} or {@code .failed/} and before the run's folder went. Nothing would ever pick
 * such a run up again, so it is removed. A run whose file is still in the folder (interrupted, handed
 * over, or not movable) is kept for the file's next pick-up.
 */
public final class LeftRuns {

    private LeftRuns() {
    }

    /**
     * Removes the run folders under {@code dropWork} whose file is not in {@code dropFolder}; returns
     * their names. None while the drop folder is missing (an unmounted volume is not an empty drop).
     */
    public static List<String> removeGone(Path dropWork, Path dropFolder) throws IOException {
        if (!Files.isDirectory(dropWork) || !Files.isDirectory(dropFolder)) {
            return List.of();
        }
        Set<String> present = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dropFolder)) {
            entries.forEach(entry -> present.add(OutcomeName.of(entry.getFileName().toString())));
        }
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(dropWork, Files::isDirectory)) {
            for (Path run : runs) {
                String name = run.getFileName().toString();
                if (!present.contains(name)) {
                    RunFolder.of(run, name).delete();
                    removed.add(name);
                }
            }
        }
        return removed;
    }
}
