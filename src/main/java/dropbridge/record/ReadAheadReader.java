package dropbridge.record;

import java.util.NoSuchElementException;

/** A record reader that reads one record ahead, so that {@link #hasNext()} can tell whether there is one. */
abstract class ReadAheadReader implements RecordReader {

    private ReadResult pending;

    /** The next record, or null at the end of the file (again on every later call). */
    abstract ReadResult readNext();

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = readNext();
        }
        return pending != null;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadResult result = pending;
        pending = null;
        return result;
    }
}
