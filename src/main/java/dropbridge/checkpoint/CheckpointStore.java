package dropbridge.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one dropped file's checkpoint is kept, outside the process that delivers it (a prefix of
 * an S3 bucket): named objects, written whole and read whole.
 */
public interface CheckpointStore {

    /** Writes the object from {@code length} bytes of the file, from {@code offset}. */
    void put(String name, Path file, long offset, long length) throws IOException;

    void put(String name, byte[] content) throws IOException;

    /** The object's content; empty when there is none. */
    Optional<InputStream> get(String name) throws IOException;

    /** Removes every object of the checkpoint. */
    void deleteAll() throws IOException;

    /** Where the checkpoint is, for logs: {@code s3://bucket/prefix/}. */
    String describe();
}
