package dropbridge.record;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;

/**
 * A stream of records over one file. It holds one record at a time, so memory does not grow
 * with the file. {@link java.io.UncheckedIOException} from {@code next()} or {@code hasNext()}
 * means the rest of the file cannot be read (broken encoding, unterminated quote).
 */
public interface RecordReader extends Iterator<ReadResult>, Closeable {

    /** The number of the last line consumed so far; where an unreadable rest of the file begins. */
    long linesRead();

    /** The column names of the file's header row, trimmed; empty for a format without a header. */
    default List<String> columns() {
        return List.of();
    }

    @Override
    void close();
}
