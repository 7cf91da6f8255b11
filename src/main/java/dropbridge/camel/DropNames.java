package dropbridge.camel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.file.GenericFile;

/**
 * The name of a dropped file as each drop kind reports it: the file name for folders and SFTP,
 * the object key less the drop's prefix (exchange property {@value #PREFIX}) for S3; its size and version.
 */
final class DropNames {

    static final String S3_KEY = "CamelAwsS3Key";
    static final String PREFIX = "dropbridgeDropPrefix";
    static final String S3_LENGTH = "CamelAwsS3ContentLength";
    static final String S3_ETAG = "CamelAwsS3ETag";
    static final String S3_LAST_MODIFIED = "CamelAwsS3LastModified";

    private DropNames() {
    }

    static String sourceName(Exchange exchange) {
        Message message = exchange.getMessage();
        String name = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name != null) {
            return name;
        }
        String key = message.getHeader(S3_KEY, String.class);
        if (key != null) {
            String prefix = exchange.getProperty(PREFIX, "", String.class);
            return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
        }
        name = message.getHeader(Exchange.FILE_NAME, String.class);
        return name != null ? name : exchange.getExchangeId();
    }

    /** The file's size in bytes, or -1 when its drop does not say. */
    static long size(Exchange exchange) {
        Message message = exchange.getMessage();
        Long size = message.getHeader(Exchange.FILE_LENGTH, Long.class);
        if (size == null) {
            size = message.getHeader(S3_LENGTH, Long.class);
        }
        return size == null ? -1 : size;
    }

    /**
     * What tells the file from a later one of the same name: its object's ETag and time on S3 (the
     * same content put again is another file), its size and modification time in a folder or on
     * SFTP; null when the drop says neither.
     */
    static String version(Exchange exchange) {
        Message message = exchange.getMessage();
        String etag = message.getHeader(S3_ETAG, String.class);
        if (etag != null) {
            return "etag " + etag + ", modified " + message.getHeader(S3_LAST_MODIFIED, "", Object.class);
        }
        Long modified = message.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        return modified == null ? null : "size " + size(exchange) + ", modified " + modified;
    }

    /** A file of a local folder as it was when its drop picked it up. */
    record PickedUp(Path path, long size, long modified) {

        /** How the file differs now, by size or modification time; empty when it does not, or is gone. */
        Optional<String> change() {
            try {
                long sizeNow = Files.size(path);
                long modifiedNow = Files.getLastModifiedTime(path).toMillis();
                if (sizeNow != size) {
                    return Optional.of(size + " bytes when picked up, " + sizeNow + " now");
                }
                return modifiedNow == modified ? Optional.empty() : Optional.of("modified again after it was picked up");
            } catch (IOException gone) {
                return Optional.empty();
            }
        }
    }

    /** The dropped file as it was when picked up, when it comes from a local folder (not a link); empty for S3 and SFTP. */
    static Optional<PickedUp> pickedUp(Exchange exchange) {
        Long modified = exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        return localEntry(exchange).filter(entry -> modified != null && !Files.isSymbolicLink(entry))
                .map(file -> new PickedUp(file, size(exchange), modified));
    }

    /** True when the dropped entry is a symbolic link in a local folder: it is never opened. */
    static boolean isSymbolicLink(Exchange exchange) {
        return localEntry(exchange).filter(Files::isSymbolicLink).isPresent();
    }

    /** The dropped entry's path when it comes from a local folder. */
    private static Optional<Path> localEntry(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof GenericFile<?> entry && entry.getFile() instanceof File local
                ? Optional.of(local.toPath())
                : Optional.empty();
    }
}
