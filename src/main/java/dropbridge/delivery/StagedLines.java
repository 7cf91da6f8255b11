package dropbridge.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Line files written by a process that may have been killed mid-write. */
public final class StagedLines {

    private StagedLines() {
    }

    /** Cuts the file after its last line break: a line the process was writing when it died is not kept. */
    static void dropPartialLine(Path file) throws IOException {
        long end = lastLineEnd(file, 0);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(end);
        }
    }

    /** Where the file's last complete line ends, looking no further back than {@code from}; {@code from} when no line ends after it. */
    public static long lastLineEnd(Path file, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer block = ByteBuffer.allocate(8192);
            long end = channel.size();
            while (end > from) {
                int length = (int) Math.min(block.capacity(), end - from);
                long start = end - length;
                block.clear().limit(length);
                while (block.hasRemaining() && channel.read(block, start + block.position()) >= 0) {
                    // reads the whole block
                }
                for (int i = length - 1; i >= 0; i--) {
                    if (block.get(i) == '\n') {
                        return start + i + 1;
                    }
                }
                end = start;
            }
            return from;
        }
    }
}
