package dropbridge.drop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which entries of a drop folder are read: regular files only. A symbolic link is never followed
 * (it could point at any file the process may read), and a directory, a FIFO or device (reading
 * one can block or never end) or a hidden file is left alone. Each rejected entry is reported
 * once, not at every poll.
 */
public final class RegularFilesOnly {

    /**
     * Rejected entries remembered as reported, the least recently seen forgotten first: an entry
     * that is still there is seen at every poll, so the ones forgotten are those that went away.
     */
    static final int MAX_REMEMBERED = 10_000;

    private enum Kind {
        REGULAR_FILE("regular file"),
        SYMBOLIC_LINK("symbolic link"),
        DIRECTORY("directory"),
        FIFO_OR_DEVICE("FIFO or device"),
        HIDDEN_FILE("hidden file"),
        UNKNOWN("entry that cannot be examined");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private final Map<Path, Boolean> reported;

    public RegularFilesOnly() {
        this(MAX_REMEMBERED);
    }

    RegularFilesOnly(int maxRemembered) {
        this.reported = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Boolean> eldest) {
                return size() > maxRemembered;
            }
        };
    }

    public boolean accept(Path entry) {
        return kindOf(entry) == Kind.REGULAR_FILE;
    }

    /** What an entry is, for a log line: "symbolic link", "directory", "FIFO or device", "hidden file"... */
    public static String describe(Path entry) {
        return kindOf(entry).words;
    }

    /** What a rejected entry is, the first time it is asked about; empty if it is accepted or was already reported. */
    public synchronized Optional<String> rejectionToReport(Path entry) {
        Kind kind = kindOf(entry);
        if (kind == Kind.REGULAR_FILE) {
            reported.remove(entry);
            return Optional.empty();
        }
        return reported.put(entry, Boolean.TRUE) == null ? Optional.of(kind.words) : Optional.empty();
    }

    private static Kind kindOf(Path entry) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return Kind.UNKNOWN;
        }
        if (attributes.isSymbolicLink()) {
            return Kind.SYMBOLIC_LINK;
        }
        if (attributes.isDirectory()) {
            return Kind.DIRECTORY;
        }
        if (!attributes.isRegularFile()) {
            return Kind.FIFO_OR_DEVICE;
        }
        if (String.valueOf(entry.getFileName()).startsWith(".")) {
            return Kind.HIDDEN_FILE;
        }
        return Kind.REGULAR_FILE;
    }
}
