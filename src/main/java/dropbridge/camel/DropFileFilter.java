package dropbridge.camel;

import dropbridge.drop.RegularFilesOnly;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.jboss.logging.Logger;

/**
 * The filter of the local drops ({@code filter: "#bean:dropFileFilter"}): only regular files are
 * read, never a symbolic link (its target may be a key or a password file), a FIFO or a device.
 * Each entry left alone is logged once.
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
        var entry = file.getFile().toPath();
        if (regularFiles.accept(entry)) {
            return true;
        }
        regularFiles.rejectionToReport(entry).ifPresent(kind ->
                LOG.warnf("drop %s: %s is a %s; it is not read", file.getEndpointPath(), file.getFileName(), kind));
        return false;
    }
}
