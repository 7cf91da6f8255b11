package dropbridge.drop;

import dropbridge.delivery.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A local file delivered to its end, its outcomes shipped, that its drop could not move to
 * {@code .done/} or {@code .failed/} (a full disk, a {@code .done} that is not a folder, no right
 * to write): its run's folder keeps a mark that says so, beside its final report. At the next pick-up
 * of the same version of the file the drop only tries the move again; the file is neither read nor
 * sent again.
 */
public final class UnmovedFile {

    private static final String MARK = "unmoved";
    private static final String FAILED = "failed";
    private static final String DONE = "done";

    private UnmovedFile() {
    }

    /**
     * Marks the run as settled but not moved, and whether its file failed; true when the mark is
     * new (the first failed move), false when an earlier one is kept.
     */
    public static boolean mark(RunFolder run, boolean failed) {
        Path mark = run.folder().resolve(MARK);
        if (Files.exists(mark)) {
            return false;
        }
        try {
            Files.writeString(mark, failed ? FAILED : DONE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the run's folder " + run.folder(), e);
        }
        return true;
    }

    /** Whether the run's folder holds a mark. */
    public static boolean marked(RunFolder run) {
        return Files.exists(run.folder().resolve(MARK));
    }

    /**
     * The mark left for this version of the file: whether the file failed (so the drop moves it to
     * {@code .failed/}); empty when there is none, or it was left for another version.
     */
    public static Optional<Boolean> failed(RunFolder run, String version) {
        Path mark = run.folder().resolve(MARK);
        try {
            if (!Files.exists(mark) || !Files.exists(run.sourceVersion())
                    || !Objects.equals(Files.readString(run.sourceVersion(), StandardCharsets.UTF_8), version)) {
                return Optional.empty();
            }
            return Optional.of(FAILED.equals(Files.readString(mark, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's folder " + run.folder(), e);
        }
    }
}
