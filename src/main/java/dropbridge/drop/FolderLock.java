package dropbridge.drop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock of one process on a local drop folder: an OS lock ({@link FileChannel#tryLock()}) on
 * {@value #FILE_NAME} inside the folder, which names its holder. The OS releases it when the
 * process ends, however it ends, so a process that died never holds a folder.
 */
public final class FolderLock implements AutoCloseable {

    /** Hidden, so no drop ever reads it. */
    public static final String FILE_NAME = ".dropbridge.lock";

    private final Path file;
    private final String owner;
    private FileChannel channel;
    private FileLock lock;

    /**
     * @param owner how the holder is named in the lock file, for the processes that find the folder
     *        held (e.g. {@code pid 4242 on host worker-1})
     */
    public FolderLock(Path folder, String owner) {
        this.file = folder.resolve(FILE_NAME);
        this.owner = owner;
    }

    /** True when this process holds the folder, taking it now if no other process does. */
    public synchronized boolean tryHold() throws IOException {
        if (lock != null) {
            return true;
        }
        Files.createDirectories(file.getParent());
        FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock taken = opened.tryLock();
        if (taken == null) {
            opened.close();
            return false;
        }
        opened.truncate(0);
        opened.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)));
        opened.force(false);
        channel = opened;
        lock = taken;
        return true;
    }

    public synchronized boolean held() {
        return lock != null;
    }

    /**
     * The holder the lock file names; empty while it names none (its holder is still writing it).
     * The holder never reads its own lock file: closing any other descriptor of the file would
     * release its lock (POSIX record locks belong to the process, not to the descriptor).
     */
    public synchronized Optional<String> holder() {
        if (lock != null) {
            return Optional.of(owner);
        }
        try {
            String named = Files.readString(file, StandardCharsets.UTF_8).strip();
            return named.isEmpty() ? Optional.empty() : Optional.of(named);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path file() {
        return file;
    }

    /** Gives the folder up (the process stops). */
    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            lock = null;
        }
    }
}
