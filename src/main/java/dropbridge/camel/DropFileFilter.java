package dropbridge.camel;

import dropbridge.drop.FolderLock;
import dropbridge.drop.RegularFilesOnly;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.jboss.logging.Logger;

/**
 * The filter of the local drops ({@code filter: "#bean:dropFileFilter"}): regular files are read;
 * a symbolic link to a file goes through to its pipeline, which never opens it and gives it a FAILED
 * report (its target may be a key or a password file); a link to nothing, a FIFO or a device is left alone. Entries Camel
 * passes over before any filter (sub-folders, hidden files) are listed at each poll (see
 * {@link DropPolls}). Each entry left alone is logged once.
 */
@Singleton
@Named("dropFileFilter")
public class DropFileFilter implements GenericFileFilter<File> {

    private static final Logger LOG = Logger.getLogger(DropFileFilter.class);

    private final RegularFilesOnly regularFiles = new RegularFilesOnly();

    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory()) {
            return false;
        }
        Path entry = file.getFile().toPath();
        // a link to nothing is left alone here: taken, it would fail its read lock at every poll
        // and hold the poll's one place, so that the files behind it would never be delivered
        if (regularFiles.accept(entry) || Files.isSymbolicLink(entry) && Files.isRegularFile(entry)) {
            return true;
        }
        reportOnce(file.getEndpointPath(), entry);
        return false;
    }

    /**
     * Logs, once each, the entries of the drop's folder that are not read and never reach the
     * filter: sub-folders, hidden files, links to a folder or to nothing. Camel's own (its lock files, the hidden done and failed
     * folders), the folder's lock of the process that polls it ({@link FolderLock}) and the names the drop excludes (uploads in
     * progress) are not reported.
     */
    /** Where the local-drop template moves delivered and failed files (its move and moveFailed). */
    private static final Set<String> SETTLED_FOLDERS = Set.of(".done", ".failed");

    void reportEntriesNotRead(FileEndpoint drop) {
        Pattern exclude = drop.getExcludePattern();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(drop.getFile().toPath())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean ours = name.endsWith(".camelLock") || name.equals(FolderLock.FILE_NAME) || (name.startsWith(".") && Files.isDirectory(entry));
                boolean excluded = exclude != null && exclude.matcher(name).matches();
                // a link to a regular file reaches the filter and gets a FAILED report; Camel passes over one to a folder
                boolean linkToFile = Files.isSymbolicLink(entry) && Files.isRegularFile(entry);
                if (!ours && !excluded && !regularFiles.accept(entry) && !linkToFile) {
                    reportOnce(drop.getFile().getPath(), entry);
                }
            }
        } catch (IOException e) {
            LOG.debugf(e, "cannot list drop %s", drop.getFile());
        }
    }

    private void reportOnce(String drop, Path entry) {
        regularFiles.rejectionToReport(entry).ifPresent(kind -> {
            String name = entry.getFileName().toString();
            if (SETTLED_FOLDERS.contains(name)) {
                LOG.warnf("drop %s: %s is a %s, not a folder, so the files this drop delivers cannot be moved into it; each"
                        + " stays in the drop folder, is not read or sent again, and its move is tried at each poll: remove or"
                        + " rename %s", drop, name, kind, name);
                return;
            }
            boolean hidden = name.startsWith(".");
            LOG.logf(hidden ? Logger.Level.INFO : Logger.Level.WARN, "drop %s: %s is a %s; it is not read%s", drop, entry.getFileName(), kind,
                    hidden ? " (a name that starts with a dot is hidden: rename it to deliver it)" : "");
        });
    }
}
