package dropbridge.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files a run keeps in its own folder: its outcome files, named as they will be at a sink
 * ({@code success/<name>.jsonl}, {@code error/<name>.jsonl}, {@code skipped/<name>.jsonl},
 * {@code reports/<name>.json}), the journal of the batches it sent (by record number; an earlier
 * release journaled lines, in {@code sent.journal}), and the version of the dropped file they
 * belong to.
 */
public record RunFolder(Path folder, Path success, Path error, Path skipped, Path report, Path sentJournal, Path sentLinesJournal, Path sourceVersion) {

    /** Where a drop's runs are staged: {@code <work-dir>/<drop route>/}. */
    public static Path ofDrop(Path workDir, String dropRoute) {
        return workDir.resolve(OutcomeName.of(dropRoute));
    }

    /** Where the runs of one of a drop's files are staged: {@code <work-dir>/<drop route>/<file>/}, the drop's own. */
    public static Path ofFile(Path workDir, String dropRoute, String sourceName) {
        return ofDrop(workDir, dropRoute).resolve(OutcomeName.of(sourceName));
    }

    /** The run's folder of one of a drop's files: {@link #ofFile} with the files it holds. */
    public static RunFolder ofDroppedFile(Path workDir, String dropRoute, String sourceName) {
        return of(ofFile(workDir, dropRoute, sourceName), sourceName);
    }

    public static RunFolder of(Path folder, String sourceName) {
        String name = OutcomeName.of(sourceName);
        return new RunFolder(folder,
                folder.resolve("success").resolve(name + ".jsonl"),
                folder.resolve("error").resolve(name + ".jsonl"),
                folder.resolve("skipped").resolve(name + ".jsonl"),
                folder.resolve("reports").resolve(name + ".json"),
                folder.resolve("sent-records.journal"),
                folder.resolve("sent.journal"),
                folder.resolve("source.version"));
    }

    /**
     * Creates the outcome files that are not there yet, empty, so that each of them can be shipped:
     * a folder staged by an earlier release has no skipped file.
     */
    public void createOutcomeFiles() throws IOException {
        for (Path outcomes : new Path[] {success, error, skipped}) {
            Files.createDirectories(outcomes.getParent());
            if (!Files.exists(outcomes)) {
                Files.createFile(outcomes);
            }
        }
        Files.createDirectories(report.getParent());
    }

    /** Removes the folder and everything in it. */
    public void delete() {
        deleteTree(folder);
    }

    /** Removes a folder and everything in it; nothing when it is not there. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the folder " + folder, e);
        }
    }
}
