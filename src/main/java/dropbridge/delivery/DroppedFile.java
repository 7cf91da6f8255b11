package dropbridge.delivery;

import java.io.InputStream;

/**
 * A file as its drop hands it over.
 *
 * @param name its name relative to the drop
 * @param size its size in bytes, or -1 when the drop does not say
 * @param version what tells this file from a later one of the same name (size and modification
 *     time, or an object's ETag); null when the drop does not say, and then an interrupted
 *     delivery of it is never resumed
 */
public record DroppedFile(String name, InputStream content, long size, String version) {
}
